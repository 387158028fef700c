// The customers store on SQLite and on PostgreSQL: Chinese substring search of any length, phone
// last four digits, codes, cursor paging without gaps or duplicates, optimistic versions.
#include "modules/customers/customer_store.hpp"

#include <gtest/gtest.h>

#include <set>

#include "platform/db/test_backends.hpp"

namespace consign::customers {
namespace {

CursorKey TestKey(unsigned char fill) {
  std::array<unsigned char, CursorKey::kSize> bytes{};
  bytes.fill(fill);
  return CursorKey(bytes);
}

template <class Backend>
class CustomerStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!backend_.available()) GTEST_SKIP() << backend_.skip_reason();
    db_ = backend_.Open();
    // The store reads only the module's own tables: its migrations alone are enough.
    db::ApplyMigrations(*db_, Migrations());
  }

  int64_t Add(std::string name, std::string contact, std::string phone, int64_t at = 1) {
    Customer c;
    c.name = std::move(name);
    c.contacts.push_back(Contact{{}, std::move(contact), "decision_maker", "", std::move(phone), "", true});
    c.addresses.push_back(Address{{}, "pickup", "广东省", "深圳市", "南山区", "科技园路1号", "", true});
    c.version = 1;
    c.created_at = c.updated_at = FromMicros(at);
    auto tx = db_->Begin(db::TxMode::kWrite);
    const int64_t id = InsertCustomer(*tx, c);
    tx->Commit();
    return id;
  }

  // As a caller with pii.view searches (`personal`), or one without.
  std::vector<std::string> Search(std::string q, bool personal = true) {
    ListQuery query;
    query.q = std::move(q);
    query.personal_search = personal;
    auto tx = db_->Begin(db::TxMode::kRead);
    std::vector<std::string> names;
    for (const Customer& c : ListCustomers(*tx, query).items) names.push_back(c.name);
    std::sort(names.begin(), names.end());
    return names;
  }

  Backend backend_;
  std::unique_ptr<db::Database> db_;
};

TYPED_TEST_SUITE(CustomerStoreTest, db::testing::Backends, db::testing::BackendNames);

TYPED_TEST(CustomerStoreTest, FindsChineseSubstringsOfAnyLength) {
  this->Add("深圳市顺达电子有限公司", "张伟", "13812345678");
  this->Add("上海华通物流有限公司", "李娜", "13900001111");
  this->Add("顺丰达人贸易", "王芳", "13700002222");
  using V = std::vector<std::string>;
  EXPECT_EQ(this->Search("顺达"), V{"深圳市顺达电子有限公司"}) << "two characters";
  EXPECT_EQ(this->Search("顺"), (V{"深圳市顺达电子有限公司", "顺丰达人贸易"})) << "one character";
  EXPECT_EQ(this->Search("顺达电子"), V{"深圳市顺达电子有限公司"}) << "four characters";
  EXPECT_EQ(this->Search("达电"), V{"深圳市顺达电子有限公司"});
  EXPECT_TRUE(this->Search("达人电").empty()) << "grams all present but not as a substring";
  EXPECT_EQ(this->Search("李娜"), V{"上海华通物流有限公司"}) << "a contact name";
  EXPECT_EQ(this->Search("1111"), V{"上海华通物流有限公司"}) << "last four digits of a phone";
  EXPECT_EQ(this->Search("C00000"), (V{"上海华通物流有限公司", "深圳市顺达电子有限公司", "顺丰达人贸易"})) << "code prefix";
  EXPECT_TRUE(this->Search("蓝天").empty());
}

TYPED_TEST(CustomerStoreTest, AnOffsetPageStartsAfterTheRowsBeforeItInTheSameOrder) {
  for (int i = 1; i <= 5; ++i) this->Add("偏移客户" + std::to_string(i), "张伟", "13812345678", i);
  ListQuery query;
  query.sort = ListSort{SortKey::kName, false};
  query.limit = 2;
  query.offset = 2;
  auto tx = this->db_->Begin(db::TxMode::kRead);
  std::vector<std::string> names;
  for (const Customer& c : ListCustomers(*tx, query).items) names.push_back(c.name);
  EXPECT_EQ(names, (std::vector<std::string>{"偏移客户3", "偏移客户4"}));
  query.offset = 4;
  EXPECT_EQ(ListCustomers(*tx, query).items.size(), 1u);
  EXPECT_EQ(CountCustomers(*tx, query), 5) << "the count ignores the offset";
}

TYPED_TEST(CustomerStoreTest, CountsByValueLargestFirstUnderTheSameFiltersAsTheList) {
  const int64_t a = this->Add("分组一", "张伟", "13812345678", 10);
  const int64_t b = this->Add("分组二", "李娜", "13900001111", 20);
  this->Add("分组三", "王芳", "13700002222", 30);
  {
    auto tx = this->db_->Begin(db::TxMode::kWrite);
    tx->Execute("UPDATE customers SET value_class = 'A', owner_user_id = 7 WHERE id = $1", {a});
    tx->Execute("UPDATE customers SET value_class = 'A' WHERE id = $1", {b});
    tx->Commit();
  }
  auto tx = this->db_->Begin(db::TxMode::kRead);
  ListQuery all;
  const std::vector<ValueCount> by_class = CountByValue(*tx, all, "value_class");
  ASSERT_EQ(by_class.size(), 2u);
  EXPECT_EQ(by_class[0].value, "A");
  EXPECT_EQ(by_class[0].count, 2);
  EXPECT_EQ(by_class[1].value, "") << "not classified";
  EXPECT_EQ(by_class[1].count, 1);
  ListQuery owned = all;
  owned.owner_id = 7;
  const std::vector<ValueCount> by_province = CountByValue(*tx, owned, "province");
  ASSERT_EQ(by_province.size(), 1u);
  EXPECT_EQ(by_province[0].count, 1);
  ListQuery recent = all;
  recent.created_from = FromMicros(20);
  recent.updated_before = FromMicros(30);
  EXPECT_EQ(CountCustomers(*tx, recent), 1) << "created at 20, updated before 30: 分组二 only";
  EXPECT_THROW(CountByValue(*tx, all, "name; DROP TABLE customers"), std::logic_error);
}

TYPED_TEST(CustomerStoreTest, ContactNamesAreSearchedOnlyWhenPersonalDataMayBeMatched) {
  using V = std::vector<std::string>;
  this->Add("上海华通物流有限公司", "李娜", "13900001111");
  this->Add("Blue Sky Trading", "Zhang Wei", "13700002222");
  EXPECT_EQ(this->Search("李娜"), V{"上海华通物流有限公司"});
  EXPECT_EQ(this->Search("zha"), V{"Blue Sky Trading"}) << "a prefix of a Latin contact name";
  for (std::string q : {"李娜", "李", "娜", "zhang", "zha", "zhang wei", "人0李"})
    EXPECT_TRUE(this->Search(q, false).empty()) << q;
  EXPECT_EQ(this->Search("华通", false), V{"上海华通物流有限公司"});
  EXPECT_EQ(this->Search("blue", false), V{"Blue Sky Trading"});
  EXPECT_EQ(this->Search("1111", false), V{"上海华通物流有限公司"}) << "a phone's last four digits";
  EXPECT_EQ(this->Search("华通 李娜"), V{"上海华通物流有限公司"}) << "the account's and a contact's grams together";
}

TYPED_TEST(CustomerStoreTest, AccountsIndexedTheOldWayAreSkippedUntilReindexed) {
  this->Add("上海华通物流有限公司", "李娜", "13900001111");
  {
    auto tx = this->db_->Begin(db::TxMode::kWrite);
    tx->Execute("UPDATE customers SET search_personal = NULL");
    tx->Commit();
  }
  EXPECT_TRUE(this->Search("华通", false).empty()) << "unmarked contact grams: not for searches without pii.view";
  EXPECT_EQ(this->Search("华通").size(), 1u);
  auto tx = this->db_->Begin(db::TxMode::kWrite);
  EXPECT_EQ(ReindexSearch(*tx, 10), 1u);
  EXPECT_EQ(ReindexSearch(*tx, 10), 0u);
  tx->Commit();
  EXPECT_EQ(this->Search("华通", false).size(), 1u);
  EXPECT_TRUE(this->Search("李娜", false).empty());
  EXPECT_EQ(this->Search("李娜").size(), 1u);
}

TYPED_TEST(CustomerStoreTest, PagesWithoutGapsOrDuplicates) {
  for (int i = 0; i < 23; ++i) this->Add("客户" + std::to_string(i), "联系人", "", 1000 + i % 5);
  for (std::string sort : {"-updated_at", "name", "-code", "created_at"}) {
    ListQuery q;
    q.limit = 5;
    q.sort = ParseSort(sort).value();
    std::set<int64_t> seen;
    int pages = 0;
    do {
      auto tx = this->db_->Begin(db::TxMode::kRead);
      ListPage page = ListCustomers(*tx, q);
      for (const Customer& c : page.items) EXPECT_TRUE(seen.insert(c.id).second) << sort << " repeats " << c.id;
      // Through the text form, as a client sends it back.
      q.after.reset();
      if (page.next) q.after = DecodeCursor(EncodeCursor(*page.next, TestKey(1)), TestKey(1)).value();
      ++pages;
    } while (q.after && pages < 20);
    EXPECT_EQ(seen.size(), 23u) << sort;
    EXPECT_EQ(pages, 5) << sort;
  }
}

TYPED_TEST(CustomerStoreTest, BulkInsertsSplitIntoStatementsEveryDriverAccepts) {
  // 2,500 accounts are 65,000 parameters: more than one statement may carry on either backend.
  std::vector<Customer> many(2500);
  for (size_t i = 0; i < many.size(); ++i) {
    many[i].name = "批量客户" + std::to_string(i);
    many[i].contacts.push_back(Contact{{}, "联系人", "operations", "", "1380000" + std::to_string(1000 + i % 9000), "", true});
    many[i].version = 1;
  }
  auto tx = this->db_->Begin(db::TxMode::kWrite);
  InsertCustomers(*tx, many);
  tx->Commit();
  auto read = this->db_->Begin(db::TxMode::kRead);
  EXPECT_EQ(read->Query("SELECT count(*) FROM customers")[0].Int(0), 2500);
  EXPECT_EQ(read->Query("SELECT count(*) FROM customer_contacts")[0].Int(0), 2500);
  EXPECT_EQ(MaxCustomerId(*read), many.back().id);
}

TYPED_TEST(CustomerStoreTest, UpdateNeedsTheCurrentVersionAndReindexes) {
  const int64_t id = this->Add("深圳市顺达电子有限公司", "张伟", "13812345678");
  auto tx = this->db_->Begin(db::TxMode::kWrite);
  Customer c = *LoadCustomer(*tx, id);
  c.name = "广州蓝天科技有限公司";
  Customer stale = c;
  ASSERT_TRUE(UpdateCustomer(*tx, c, 1));
  EXPECT_EQ(c.version, 2);
  EXPECT_FALSE(UpdateCustomer(*tx, stale, 1)) << "a second writer with the old version loses";
  tx->Commit();
  EXPECT_TRUE(this->Search("顺达").empty());
  EXPECT_EQ(this->Search("蓝天"), std::vector<std::string>{"广州蓝天科技有限公司"});
  auto read = this->db_->Begin(db::TxMode::kRead);
  Customer loaded = *LoadCustomer(*read, id);
  EXPECT_EQ(loaded.contacts.size(), 1u);
  EXPECT_EQ(loaded.contacts[0].phone, "13812345678");
  EXPECT_EQ(loaded.addresses[0].city, "深圳市");
}

TYPED_TEST(CustomerStoreTest, CodesAreGeneratedAndUnique) {
  const int64_t id = this->Add("甲", "乙", "");
  auto tx = this->db_->Begin(db::TxMode::kWrite);
  EXPECT_EQ(LoadCustomer(*tx, id)->code, GeneratedCode(id));
  EXPECT_TRUE(CodeTaken(*tx, GeneratedCode(id)));
  EXPECT_FALSE(CodeTaken(*tx, GeneratedCode(id), id));
  Customer dup;
  dup.name = "丙";
  dup.code = GeneratedCode(id);
  dup.version = 1;
  EXPECT_THROW(InsertCustomer(*tx, dup), db::DbError);
}

TYPED_TEST(CustomerStoreTest, FiltersByTypedStatus) {
  const int64_t kept = this->Add("在用客户", "甲", "");
  const int64_t archived = this->Add("归档客户", "乙", "");
  {
    auto tx = this->db_->Begin(db::TxMode::kWrite);
    Customer c = *LoadCustomer(*tx, archived);
    ASSERT_TRUE(SetCustomerStatus(*tx, c, CustomerStatus::kArchived, c.version, FromMicros(5)));
    EXPECT_EQ(c.status, CustomerStatus::kArchived);
    tx->Commit();
  }
  auto ids = [&](std::optional<CustomerStatus> status) {
    ListQuery q;
    q.status = status;
    auto tx = this->db_->Begin(db::TxMode::kRead);
    std::set<int64_t> out;
    for (const Customer& c : ListCustomers(*tx, q).items) out.insert(c.id);
    return out;
  };
  EXPECT_EQ(ids(CustomerStatus::kActive), std::set<int64_t>{kept});
  EXPECT_EQ(ids(CustomerStatus::kArchived), std::set<int64_t>{archived});
  EXPECT_EQ(ids(std::nullopt), (std::set<int64_t>{kept, archived})) << "nullopt: all";
  auto tx = this->db_->Begin(db::TxMode::kRead);
  EXPECT_EQ(LoadCustomer(*tx, archived)->status, CustomerStatus::kArchived);
}

TEST(CustomerListSort, ParsesTheWireNamesOnly) {
  for (std::string_view name : kSorts) {
    const auto sort = ParseSort(name);
    ASSERT_TRUE(sort) << name;
    EXPECT_EQ(SortName(*sort), name);
  }
  EXPECT_EQ(ParseSort("-updated_at"), (ListSort{SortKey::kUpdatedAt, true}));
  EXPECT_EQ(ParseSort("id"), std::nullopt) << "the search order is not offered to clients";
  EXPECT_EQ(ParseSort("owner"), std::nullopt);
  EXPECT_EQ(ParseSort(""), std::nullopt);
}

TEST(CustomerListSort, ASearchInTheDefaultOrderListsNewestIdsFirst) {
  ListQuery q;
  EXPECT_EQ(OrderOf(q), ListSort{});
  q.q = "顺达";
  EXPECT_EQ(OrderOf(q), (ListSort{SortKey::kId, true}));
  q.sort = ListSort{SortKey::kName, false};
  EXPECT_EQ(OrderOf(q), q.sort) << "an explicit sort is kept";
}

TEST(CustomerCursor, DecodesWhatItEncodes) {
  const CursorKey key = TestKey(7);
  for (const Cursor& cursor : {Cursor{ListSort{SortKey::kName, false}, 42}, Cursor{ListSort{SortKey::kUpdatedAt, true}, 7},
                               Cursor{ListSort{SortKey::kId, true}, 9}})
    EXPECT_EQ(DecodeCursor(EncodeCursor(cursor, key), key).value(), cursor);
}

TEST(CustomerCursor, RefusesTextItDidNotMakeNamingTheCursorField) {
  const CursorKey key = TestKey(7);
  const std::string good = EncodeCursor(Cursor{ListSort{SortKey::kName, false}, 42}, key);
  std::vector<std::string> bad = {"zz", "abc", "", "6e616d650a e794b20a33", good.substr(0, good.size() - 1),
                                  good + "A", EncodeCursor(Cursor{ListSort{SortKey::kName, false}, 42}, TestKey(8))};
  for (size_t at = 0; at < good.size(); at += 5) {
    std::string tampered = good;
    tampered[at] = tampered[at] == 'A' ? 'B' : 'A';
    bad.push_back(tampered);
  }
  for (const std::string& text : bad) {
    const auto decoded = DecodeCursor(text, key);
    ASSERT_FALSE(decoded) << text;
    EXPECT_EQ(decoded.error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(decoded.error().field(), "cursor");
    EXPECT_EQ(decoded.error().fields[0].reason, "invalid_format");
  }
  EXPECT_FALSE(DecodeCursor(good, CursorKey{})) << "no key loaded: nothing is accepted";
}

TYPED_TEST(CustomerStoreTest, TheCursorKeyIsMadeOnceAndKept) {
  auto tx = this->db_->Begin(db::TxMode::kWrite);
  const CursorKey first = LoadCursorKey(*tx);
  const CursorKey again = LoadCursorKey(*tx);
  tx->Commit();
  EXPECT_TRUE(first.set());
  EXPECT_EQ(first.bytes(), again.bytes());
  EXPECT_NE(first.bytes(), (std::array<unsigned char, CursorKey::kSize>{}));
}

}  // namespace
}  // namespace consign::customers

namespace consign::customers {
namespace {

TYPED_TEST(CustomerStoreTest, CountsWhatTheListWouldListBeforeAnExportStarts) {
  this->Add("深圳市顺达电子有限公司", "张伟", "13812345678");
  this->Add("上海华通物流有限公司", "李娜", "13900001111");
  this->Add("顺丰达人贸易", "王芳", "13700002222");
  auto tx = this->db_->Begin(db::TxMode::kRead);
  ListQuery all;
  EXPECT_EQ(CountCustomers(*tx, all), 3);
  ListQuery search;
  search.q = "顺";
  EXPECT_EQ(CountCustomers(*tx, search), 2);
  ListQuery contact;
  contact.q = "李娜";
  EXPECT_EQ(CountCustomers(*tx, contact), 0) << "contact names count only for personal_search";
  contact.personal_search = true;
  EXPECT_EQ(CountCustomers(*tx, contact), 1);
  ListQuery nobody;
  nobody.none = true;
  EXPECT_EQ(CountCustomers(*tx, nobody), 0);
}

}  // namespace
}  // namespace consign::customers
