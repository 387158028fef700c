// Row accessors over hand-made cells: SQLite's typed values and PostgreSQL's text forms.
#include <gtest/gtest.h>

#include "platform/db/database.hpp"

namespace consign::db {
namespace {

Rows OneRow(std::vector<Cell> cells) {
  std::vector<std::string> columns;
  for (size_t i = 0; i < cells.size(); ++i) columns.push_back("c" + std::to_string(i));
  return Rows(std::move(columns), std::move(cells));
}

TEST(Row, ReadsPostgresTextForms) {
  const Rows rows = OneRow({std::string("-9223372036854775808"), std::string("t"), std::string("f"),
                            std::string("2026-11-22 08:00:00.123+00"), std::string("2026-11-22 16:00:00+08"),
                            std::string("0.1"), std::string("42")});
  const Row row = rows[0];
  EXPECT_EQ(row.Int(0), INT64_MIN);
  EXPECT_TRUE(row.Bool(1));
  EXPECT_FALSE(row.Bool(2));
  EXPECT_EQ(FormatRfc3339(row.Time(3)), "2026-11-22T08:00:00.123000Z");
  EXPECT_EQ(FormatRfc3339(row.Time(4)), "2026-11-22T08:00:00Z");
  EXPECT_EQ(row.Real(5), 0.1);
  EXPECT_EQ(row.Text(6), "42");
  EXPECT_EQ(row.OptInt(6), 42);
}

TEST(Row, ReadsSqliteTypedValues) {
  const Rows rows = OneRow({int64_t{1790000000000000}, int64_t{1}, int64_t{0}, 2.5, int64_t{7}});
  const Row row = rows[0];
  EXPECT_EQ(row.Time(0), FromMicros(1790000000000000));
  EXPECT_TRUE(row.Bool(1));
  EXPECT_FALSE(row.Bool(2));
  EXPECT_EQ(row.Real(3), 2.5);
  EXPECT_EQ(row.Text(3), "2.5");
  EXPECT_EQ(row.Text(4), "7");
  EXPECT_EQ(row.Real(4), 7.0);
}

TEST(Row, RejectsValuesOfTheWrongShape) {
  const Rows rows = OneRow({std::string("12abc"), std::string("yes"), std::string("yesterday"), 2.5,
                            std::monostate{}, std::string("99999999999999999999")});
  const Row row = rows[0];
  EXPECT_THROW(row.Int(0), DbError);
  EXPECT_THROW(row.Bool(1), DbError);
  EXPECT_THROW(row.Time(2), DbError);
  EXPECT_THROW(row.Int(3), DbError);  // 2.5 is not an integer; no silent truncation
  EXPECT_THROW(row.Int(4), DbError);
  EXPECT_THROW(row.Bool(4), DbError);
  EXPECT_THROW(row.Int(5), DbError);  // overflows int64
  EXPECT_THROW(row.Text(6), DbError); // no such column
}

TEST(Row, ReadsColumnsByName) {
  const Rows rows({"id", "email", "active", "created_at", "score", "deleted_at", "note"},
                  {std::string("42"), std::string("a@example.cn"), std::string("t"), int64_t{1790000000000000},
                   std::string("2.5"), std::monostate{}, std::monostate{}});
  const Row row = rows[0];
  EXPECT_EQ(row.Int("id"), 42);
  EXPECT_EQ(row.Text("email"), "a@example.cn");
  EXPECT_TRUE(row.Bool("active"));
  EXPECT_EQ(row.Time("created_at"), FromMicros(1790000000000000));
  EXPECT_EQ(row.Real("score"), 2.5);
  EXPECT_TRUE(row.IsNull("deleted_at"));
  EXPECT_FALSE(row.IsNull("id"));
  EXPECT_EQ(row.OptInt("id"), 42);
  EXPECT_EQ(row.OptText("email"), "a@example.cn");
  EXPECT_EQ(row.OptBool("active"), true);
  EXPECT_EQ(row.OptTime("created_at"), FromMicros(1790000000000000));
  EXPECT_EQ(row.OptReal("score"), 2.5);
  EXPECT_EQ(row.OptTime("deleted_at"), std::nullopt);
  EXPECT_EQ(row.OptText("note"), std::nullopt);
  EXPECT_EQ(row.Text("note"), "") << "null reads as empty text, as by index";
  EXPECT_EQ(row.Int("id"), row.Int(row.Col("id"))) << "the same cell as by index";
}

TEST(Row, RefusesUnknownColumnNamesAndNamesTheColumnOfABadValue) {
  const Rows rows({"id", "name"}, {std::string("x1"), std::string("甲")});
  const Row row = rows[0];
  EXPECT_THROW(row.Int("ID"), DbError) << "names are exact";
  EXPECT_THROW(row.OptText("missing"), DbError);
  EXPECT_THROW(row.IsNull(""), DbError);
  try {
    (void)row.Int("id");
    ADD_FAILURE() << "x1 is not an integer";
  } catch (const DbError& e) {
    EXPECT_NE(std::string(e.what()).find("(id)"), std::string::npos) << e.what();
  }
}

TEST(Row, EmptyRowsHaveNoRows) {
  EXPECT_EQ(Rows().size(), 0u);
  EXPECT_TRUE(Rows({"a"}, {}).empty());
  EXPECT_EQ(Rows({"a", "b"}, {int64_t{1}, int64_t{2}, int64_t{3}, int64_t{4}}).size(), 2u);
}

}  // namespace
}  // namespace consign::db
