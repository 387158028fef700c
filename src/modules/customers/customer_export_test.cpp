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

TEST(ExportQuery, AJobReadsBackTheSelectionAndTheLayout) {
  ListQuery q;
  q.ids = std::vector<int64_t>{4, 9};
  const ExportLayout layout{{ImportColumn::kCode, ImportColumn::kMarket}, Language::kEn};
  const std::string stored = ExportQueryToJson(q, layout);
  auto back = ExportQueryFromJson(stored);
  ASSERT_TRUE(back.has_value());
  EXPECT_EQ(back->ids, (std::vector<int64_t>{4, 9}));
  const ExportLayout read = ExportLayoutFromJson(stored);
  EXPECT_EQ(read.columns, layout.columns);
  EXPECT_EQ(read.lang, Language::kEn);
  EXPECT_FALSE(ExportQueryFromJson(ExportQueryToJson(ListQuery{}))->ids.has_value());
}

TEST(ExportColumns, ChosenByKeyUnknownOrRepeatedRefusedByName) {
  auto chosen = ParseExportColumns("code,name,market");
  ASSERT_TRUE(chosen.has_value());
  EXPECT_EQ(*chosen, (std::vector<ImportColumn>{ImportColumn::kCode, ImportColumn::kName, ImportColumn::kMarket}));
  EXPECT_TRUE(ParseExportColumns("")->empty());
  auto unknown = ParseExportColumns("code,salary");
  ASSERT_FALSE(unknown.has_value());
  EXPECT_EQ(unknown.error().field(), "columns");
  EXPECT_EQ(unknown.error().fields[0].reason, "invalid_enum");
  EXPECT_EQ(ParseExportColumns("code,code").error().fields[0].reason, "duplicate");
}

TEST(ExportRow, EveryClassificationInChineseLabelsOrEnglishCodes) {
  Customer c;
  c.code = "C1";
  c.name = "顺达";
  c.kind = "organization";
  c.classification = {"contractual", "strategic", "actual", "convenience", "A", "high_end", "cbd", "growth", "loyal"};
  const ExportLayout all_zh;
  const SheetRow header = ExportHeader(all_zh);
  EXPECT_EQ(header.size(), ImportColumns().size());
  const SheetRow row = ExportRow(c, all_zh);
  ASSERT_EQ(row.size(), header.size());
  auto cell = [&](const SheetRow& h, const SheetRow& r, std::string_view name) {
    for (size_t i = 0; i < h.size(); ++i)
      if (h[i] == name) return r[i];
    return std::string("(no column)");
  };
  EXPECT_EQ(cell(header, row, "关系类型"), "合同型");
  EXPECT_EQ(cell(header, row, "关系深度"), "战略合作伙伴型");
  EXPECT_EQ(cell(header, row, "成熟度"), "现实客户");
  EXPECT_EQ(cell(header, row, "营销类型"), "方便型");
  EXPECT_EQ(cell(header, row, "价值分类"), "A");
  EXPECT_EQ(cell(header, row, "客户层级"), "高端");
  EXPECT_EQ(cell(header, row, "细分市场"), "中央商务区");
  EXPECT_EQ(cell(header, row, "生命周期阶段"), "成长期");
  EXPECT_EQ(cell(header, row, "发展阶段"), "忠诚客户");
  const ExportLayout some_en{{ImportColumn::kName, ImportColumn::kKind, ImportColumn::kMarket}, Language::kEn};
  EXPECT_EQ(ExportHeader(some_en), (SheetRow{"name", "kind", "market"}));
  EXPECT_EQ(ExportRow(c, some_en), (SheetRow{"顺达", "organization", "cbd"}));
}

}  // namespace
}  // namespace consign::customers
