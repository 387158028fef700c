#include "modules/customers/customer_export.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>

#include "core/csv.hpp"
#include "modules/customers/customer_export_service.hpp"

namespace consign::customers {
namespace {

TEST(ExportCsv, HasBomChineseHeaderAndGuardedCells) {
  const std::string file = ExportCsv({{"C1", "深圳市顺达电子有限公司", "组织", "电子", "广东省", "深圳市", "南山区",
                                       "科技园路****", "张*", "决策者", "*******1234", "z***@example.com", "A", "高端",
                                       "VIP;月结"},
                                      {"C2", "=HYPERLINK(\"http://evil\")", "", "", "", "", "", "", "", "", "", "", "",
                                       "", ""}});
  ASSERT_TRUE(file.starts_with(csv::kUtf8Bom));
  auto records = csv::Read(file);
  ASSERT_TRUE(records.has_value());
  ASSERT_EQ(records->size(), 3u);
  EXPECT_EQ((*records)[0].fields, ExportHeader());
  EXPECT_EQ((*records)[0].fields[1], "客户名称");
  EXPECT_EQ((*records)[1].fields[1], "深圳市顺达电子有限公司");
  EXPECT_EQ((*records)[2].fields[1], "'=HYPERLINK(\"http://evil\")");  // shown as text, never run
}

TEST(ExportXlsx, WritesAZipWorkbookWithOneSheet) {
  auto file = ExportXlsx({{"C1", "深圳市顺达电子有限公司"}, {"C2", "0755-12345678"}});
  ASSERT_TRUE(file.has_value()) << file.error().internal_message;
  ASSERT_GT(file->size(), 1000u);
  EXPECT_EQ(file->substr(0, 4), std::string("PK\x03\x04", 4));  // a zip archive, as .xlsx is
  EXPECT_NE(file->find("xl/worksheets/sheet1.xml"), std::string::npos);
}

TEST(ExportXlsx, EmptyExportStillHasItsHeader) {
  auto file = ExportXlsx({});
  ASSERT_TRUE(file.has_value());
  EXPECT_EQ(file->substr(0, 2), "PK");
}

}  // namespace
}  // namespace consign::customers

namespace consign::customers {
namespace {

using namespace std::chrono_literals;
const Instant kNow = *ParseRfc3339("2026-11-22T08:00:00Z");

TEST(DecideExport, SmallNowLargeInTheBackgroundHugeRefused) {
  const ExportLimits limits{.async_rows = 10, .max_rows = 100, .per_hour = 3};
  EXPECT_EQ(DecideExport(0, {}, limits, kNow).kind, ExportDecision::Kind::kNow);
  EXPECT_EQ(DecideExport(10, {}, limits, kNow).kind, ExportDecision::Kind::kNow);
  EXPECT_EQ(DecideExport(11, {}, limits, kNow).kind, ExportDecision::Kind::kBackground);
  EXPECT_EQ(DecideExport(100, {}, limits, kNow).kind, ExportDecision::Kind::kBackground);
  EXPECT_EQ(DecideExport(101, {}, limits, kNow).kind, ExportDecision::Kind::kTooLarge);
}

TEST(DecideExport, OneRunningExportPerUserAndAFewPerHour) {
  const ExportLimits limits{.async_rows = 10, .max_rows = 100, .per_hour = 3};
  const ExportDecision running = DecideExport(1, {.running = true, .started_last_hour = 1, .oldest_in_hour = kNow}, limits, kNow);
  EXPECT_EQ(running.kind, ExportDecision::Kind::kTooMany);
  EXPECT_EQ(running.retry_after, 10s);
  EXPECT_EQ(DecideExport(1, {.running = false, .started_last_hour = 2, .oldest_in_hour = kNow - 5min}, limits, kNow).kind,
            ExportDecision::Kind::kNow);
  // The third of the hour was 20 minutes ago: the next may start when it is an hour old.
  const ExportDecision hourly =
      DecideExport(1, {.running = false, .started_last_hour = 3, .oldest_in_hour = kNow - 20min}, limits, kNow);
  EXPECT_EQ(hourly.kind, ExportDecision::Kind::kTooMany);
  EXPECT_EQ(hourly.retry_after, 40min);
  // Limits come before size: a refused user learns nothing about how many rows matched.
  EXPECT_EQ(DecideExport(1000, {.running = true, .started_last_hour = 0, .oldest_in_hour = std::nullopt}, limits, kNow).kind, ExportDecision::Kind::kTooMany);
}

TEST(SheetWriter, CsvFileIsWrittenRowByRowWithBomAndHeader) {
  const std::filesystem::path file = std::filesystem::temp_directory_path() / "consign-sheet-writer-test.csv";
  {
    auto writer = SheetWriter::Open(ExportFormat::kCsv, file);
    ASSERT_TRUE(writer.has_value());
    (*writer)->Add({"C1", "=1+1"});
    (*writer)->Add({"C2", "深圳"});
    ASSERT_TRUE((*writer)->Close().has_value());
  }
  std::ifstream in(file, std::ios::binary);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::filesystem::remove(file);
  ASSERT_TRUE(text.starts_with(csv::kUtf8Bom));
  auto records = csv::Read(text);
  ASSERT_TRUE(records.has_value());
  ASSERT_EQ(records->size(), 3u);
  EXPECT_EQ((*records)[0].fields, ExportHeader());
  EXPECT_EQ((*records)[1].fields[1], "'=1+1");
  EXPECT_EQ((*records)[2].fields[1], "深圳");
  EXPECT_FALSE(SheetWriter::Open(ExportFormat::kCsv, "/nonexistent-dir/x.csv").has_value());
}

TEST(ExportQuery, AJobReadsBackTheFiltersAndRecordRuleItWasGiven) {
  ListQuery q;
  q.q = "顺达";
  q.kind = "organization";
  q.city = "深圳市";
  q.classification[0] = "A";
  q.owner_id = 7;
  q.status.reset();
  q.personal_search = true;
  q.sort = *ParseSort("-name");
  q.owner_or_team_user = 5;
  q.owner_or_team_team = 2;
  auto back = ExportQueryFromJson(ExportQueryToJson(q));
  ASSERT_TRUE(back.has_value());
  EXPECT_EQ(ExportQueryToJson(*back), ExportQueryToJson(q));
  EXPECT_EQ(back->q, "顺达");
  EXPECT_FALSE(back->status.has_value());
  EXPECT_EQ(back->owner_or_team_team, 2);
  EXPECT_EQ(SortName(back->sort), "-name");
  EXPECT_FALSE(ExportQueryFromJson("[]").has_value());
}

}  // namespace
}  // namespace consign::customers
