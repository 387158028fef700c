// The customers store on SQLite and on PostgreSQL: Chinese substring search of any length, phone
// last four digits, codes, cursor paging without gaps or duplicates, optimistic versions.
#include "modules/customers/customer_store.hpp"

#include <gtest/gtest.h>

#include <set>

#include "modules/auth/auth_service.hpp"
#include "platform/db/test_backends.hpp"

namespace consign::customers {
namespace {

template <class Backend>
class CustomerStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!backend_.available()) GTEST_SKIP() << backend_.skip_reason();
    db_ = backend_.Open();
    // The store joins owners from the auth module's users table.
    std::vector<db::Migration> all = auth::Migrations();
    for (auto& m : Migrations()) all.push_back(m);
    db::ApplyMigrations(*db_, all);
  }

  int64_t Add(std::string name, std::string contact, std::string phone, int64_t at = 1) {
    Customer c;
    c.name = std::move(name);
    c.contacts.push_back(Contact{0, std::move(contact), "decision_maker", "", std::move(phone), "", true});
    c.addresses.push_back(Address{0, "pickup", "广东省", "深圳市", "南山区", "科技园路1号", "", true});
    c.version = 1;
    c.created_at = c.updated_at = FromMicros(at);
    auto tx = db_->Begin(db::TxMode::kWrite);
    const int64_t id = InsertCustomer(*tx, c);
    tx->Commit();
    return id;
  }

  std::vector<std::string> Search(std::string q) {
    ListQuery query;
    query.q = std::move(q);
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

TYPED_TEST(CustomerStoreTest, PagesWithoutGapsOrDuplicates) {
  for (int i = 0; i < 23; ++i) this->Add("客户" + std::to_string(i), "联系人", "", 1000 + i % 5);
  for (std::string sort : {"-updated_at", "name", "-code", "created_at"}) {
    ListQuery q;
    q.limit = 5;
    q.sort = sort;
    std::set<int64_t> seen;
    int pages = 0;
    do {
      auto tx = this->db_->Begin(db::TxMode::kRead);
      ListPage page = ListCustomers(*tx, q);
      for (const Customer& c : page.items) EXPECT_TRUE(seen.insert(c.id).second) << sort << " repeats " << c.id;
      q.cursor = page.next_cursor;
      ++pages;
    } while (!q.cursor.empty() && pages < 20);
    EXPECT_EQ(seen.size(), 23u) << sort;
    EXPECT_EQ(pages, 5) << sort;
  }
}

TYPED_TEST(CustomerStoreTest, BulkInsertsSplitIntoStatementsEveryDriverAccepts) {
  // 2,500 accounts are 65,000 parameters: more than one statement may carry on either backend.
  std::vector<Customer> many(2500);
  for (size_t i = 0; i < many.size(); ++i) {
    many[i].name = "批量客户" + std::to_string(i);
    many[i].contacts.push_back(Contact{0, "联系人", "operations", "", "1380000" + std::to_string(1000 + i % 9000), "", true});
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

}  // namespace
}  // namespace consign::customers
