#include "modules/demo/demo_pipeline.hpp"

#include <array>
#include <string>

#include "core/credit_code.hpp"
#include "modules/auth/auth_service.hpp"
#include "modules/sales/sales_service.hpp"
#include "platform/scope/scope.hpp"

namespace consign::demo {

namespace {

constexpr std::array<std::string_view, 8> kCities = {"深圳", "广州", "东莞", "杭州", "苏州", "成都", "武汉", "天津"};
// GB/T 2260: a district of each city (东莞 has none: the city itself).
constexpr std::array<std::string_view, 8> kRegions = {"440305", "440106", "4419",   "330106",
                                                      "320505", "510107", "420106", "120101"};
constexpr std::array<std::string_view, 10> kNames = {"恒通", "华锐", "金鹏", "海纳", "鼎盛",
                                                     "瑞丰", "宏图", "中联", "嘉禾", "永信"};
struct Trade {
  std::string_view industry, word, stated, underlying;
};
constexpr std::array<Trade, 5> kTrades = {{
    {"electronics", "电子科技", "每天两次上门取件，华南次日达", "易碎品防震包装与破损快速理赔"},
    {"ecommerce", "电子商务", "大促期间日均五千单，需要代收货款", "仓配一体与全程轨迹推送给买家"},
    {"pharma", "医药", "药品冷链配送，签收回单", "账期60天，保价与合规的原包装"},
    {"apparel", "服饰", "轻泡货按体积重计费要透明", "退换货上门取件，提高复购"},
    {"advertising", "广告传媒", "展会物料准时送达，零延误", "按项目结算，批量分拣"},
}};
constexpr std::array<std::string_view, 5> kLostReasons = {"price", "competitor", "service", "timing", "other"};
constexpr std::array<std::string_view, 5> kLostNotes = {
    "客户认为我方报价比对手高约12%", "竞争对手承诺免费上门取件，客户转投", "客户担心我方偏远地区时效",
    "客户年底预算冻结，明年再谈", "客户内部决策人更换，项目暂停"};

// The 18th character that makes `first17` a valid code: the one of the 31 the check accepts.
std::string WithCheckCharacter(const std::string& first17) {
  for (char c : std::string_view("0123456789ABCDEFGHJKLMNPQRTUWXY"))
    if (CheckCreditCode(first17 + c) == CreditCodeProblem::kNone) return first17 + c;
  return first17 + "0";  // unreachable: exactly one of the 31 matches
}

sales::Lead DemoLead(int64_t i, uint64_t seed) {
  const size_t n = static_cast<size_t>(i) + static_cast<size_t>(seed);
  const Trade& trade = kTrades[n % kTrades.size()];
  sales::Lead lead;
  lead.source = sales::kLeadSourceNames[n % sales::kLeadSourceNames.size()];
  const size_t city = n % kCities.size();
  lead.company = std::string(kCities[city]) + std::string(kNames[(n / 3) % kNames.size()]) + std::string(trade.word) +
                 "有限公司（线索" + std::to_string(i + 1) + "）";
  std::string digits = std::to_string(100000000 + (n * 7919) % 900000000);
  std::string authority(kRegions[city]);
  authority.resize(6, '0');
  lead.credit_code = WithCheckCharacter("91" + authority + digits);
  lead.industry = trade.industry;
  lead.region_code = kRegions[city];
  lead.contacts = {{"张经理", "物流主管", "139" + std::to_string(10000000 + (n * 104729) % 90000000), ""}};
  lead.stated_needs = trade.stated;
  lead.underlying_needs = trade.underlying;
  lead.monthly_volume = 500 + static_cast<int64_t>(n % 20) * 250;
  lead.monthly_spend = Money::Cny(*lead.monthly_volume * 1200);  // ≈ ¥12 a shipment
  lead.competitor = {"某快运", "价格低", "破损率高，客服响应慢", "代收货款"};
  return lead;
}

Status Qualify(Scope& scope, sales::LeadId id) {
  for (sales::Condition c : {sales::Condition::kNotYetCustomer, sales::Condition::kHasNeed, sales::Condition::kGoodCredit}) {
    const char* evidence = c == sales::Condition::kNotYetCustomer ? "系统中无该客户账户，客户确认目前使用其他物流商"
                           : c == sales::Condition::kHasNeed      ? "电话沟通确认月发货量与时效需求"
                                                                  : "信用中国查询无失信记录，其他物流商无欠款";
    CONSIGN_TRY(sales::RecordCheck(scope, id, c, true, evidence));
  }
  CONSIGN_TRY(sales::Evaluate(scope, id, sales::Ratings{4, 3, 4, 3, 3}));
  CONSIGN_TRY(sales::Review(scope, id, true, "三项条件均满足，评分良好，同意转为商机"));
  return Ok();
}

}  // namespace

PipelineSummary LoadDemoPipeline(db::Database& database, const Clock& clock, int64_t leads, uint64_t seed,
                                 std::ostream& out) {
  PipelineSummary summary;
  auto result = RunInScope<PipelineSummary>(
      database, clock, Principal::System("demo"), "demo", [&](Scope& scope) -> Result<PipelineSummary> {
        PipelineSummary s;
        auto options = auth::ListUserOptions(scope.tx(), scope.principal());
        if (!options) return std::move(options).error();
        std::optional<TeamId> team;
        for (const auto& user : options->users)
          if (user.team_id) {
            team = user.team_id;
            break;
          }
        for (int64_t i = 0; i < leads; ++i) {
          auto lead = sales::CreateLead(scope, DemoLead(i, seed));
          if (!lead) return std::move(lead).error();
          ++s.leads;
          if (team) {
            sales::Assignment to_team{sales::Assignment::Mode::kRoundRobin, std::nullopt, *team};
            if (auto assigned = sales::AssignLead(scope, lead->id, to_team); !assigned) return std::move(assigned).error();
          }
          const int64_t step = i % 10;
          if (step <= 1) continue;  // open: still being worked on
          if (step == 2) {
            CONSIGN_TRY(sales::RecordCheck(scope, lead->id, sales::Condition::kGoodCredit, false,
                                           "在其他物流商有三个月运费拖欠记录"));
            CONSIGN_TRY(sales::Review(scope, lead->id, false, "信用不良，暂不开发"));
            continue;
          }
          CONSIGN_TRY(Qualify(scope, lead->id));
          auto conversion = sales::Convert(scope, lead->id, {});
          if (!conversion) return std::move(conversion).error();
          ++s.converted;
          const sales::OpportunityId opp = conversion->opportunity.id;
          // step 3 stays at 寻找大客户; 4–7 stop at the next stages; 8 is won; 9 is lost at 跟进.
          const sales::Stage target = step >= 8 ? (step == 8 ? sales::Stage::kDeal : sales::Stage::kFollowUp)
                                                : static_cast<sales::Stage>(step - 3);
          for (int k = 1; k <= static_cast<int>(target); ++k)
            if (auto moved = sales::ChangeStage(scope, opp, static_cast<sales::Stage>(k)); !moved)
              return std::move(moved).error();
          if (step == 8) {
            if (auto won = sales::MarkWon(scope, opp); !won) return std::move(won).error();
            ++s.won;
            s.won_accounts.push_back(conversion->account.id);
          } else if (step == 9) {
            const size_t r = static_cast<size_t>(i / 10) % kLostReasons.size();
            if (auto lost = sales::MarkLost(scope, opp, std::string(kLostReasons[r]), std::string(kLostNotes[r])); !lost)
              return std::move(lost).error();
            ++s.lost;
          }
        }
        return s;
      });
  if (!result) {
    out << "pipeline demo failed: " << result.error().public_message << " " << result.error().field() << "\n";
    return summary;
  }
  summary = *result;
  out << "leads: " << summary.leads << " (converted " << summary.converted << ", won " << summary.won << ", lost "
      << summary.lost << ")\n";
  return summary;
}

}  // namespace consign::demo
