#include "modules/demo/demo_pipeline.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <string>
#include <vector>

#include "core/credit_code.hpp"
#include "modules/auth/auth_service.hpp"
#include "modules/sales/sales_service.hpp"
#include "modules/sales/sales_store.hpp"
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

// --- the bulk path ---------------------------------------------------------------------------------

// splitmix64: a well-mixed 64-bit value from a counter, so lead n of seed s is always the same.
uint64_t Mix(uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

class Draw {
 public:
  explicit Draw(uint64_t seed) : state_(seed) {}
  int64_t Below(int64_t n) { return static_cast<int64_t>((state_ = Mix(state_)) % static_cast<uint64_t>(n)); }
  // An index into `weights` (percent, summing to 100), drawn by weight.
  template <size_t N>
  size_t Weighted(const std::array<int, N>& weights) {
    int64_t r = Below(100);
    for (size_t i = 0; i < N; ++i) {
      if (r < weights[i]) return i;
      r -= weights[i];
    }
    return N - 1;
  }

 private:
  uint64_t state_;
};

// By sales::kLeadSources (逐户寻访 客户引荐 光辉效应 直接邮寄 电话营销 滚雪球 资料查阅 市场咨询): how often each
// finds a lead, and how many of its leads qualify, in percent. Referrals come warm; direct mail cold.
constexpr std::array<int, 8> kSourceShare = {14, 22, 8, 10, 18, 7, 12, 9};
constexpr std::array<int, 8> kSourceQualifies = {40, 70, 60, 25, 30, 55, 35, 50};
// Of the converted: open at 寻找大客户 … 交易, won, lost.
constexpr std::array<int, 7> kOutcomeShare = {15, 13, 12, 12, 10, 20, 18};
// price, competitor, service, timing, other.
constexpr std::array<int, 5> kLostReasonShare = {35, 25, 15, 15, 10};

constexpr auto kDay = std::chrono::hours(24);

struct BulkBatch {
  std::vector<sales::Lead> leads;
  std::vector<sales::Opportunity> opportunities;
  PipelineSummary summary;
};

// Lead number `i` (0-based over the whole demo) with id `lead_id`; its opportunity, if converted,
// gets `opportunity_id`.
void BulkLead(const BulkPipelineInput& in, int64_t i, uint64_t seed, Instant now, int64_t lead_id,
              int64_t opportunity_id, BulkBatch& batch) {
  Draw draw(Mix(seed * 1'000'003 + static_cast<uint64_t>(i)));
  sales::Lead lead = DemoLead(i, seed);
  lead.id = sales::LeadId{lead_id};
  const size_t source = draw.Weighted(kSourceShare);
  lead.source = sales::kLeadSourceNames[source];
  lead.created_at = now - std::chrono::seconds(draw.Below(730 * 24 * 3600));
  lead.updated_at = lead.created_at;
  const bool qualifies = draw.Below(100) < kSourceQualifies[source];
  const bool converts = qualifies && draw.Below(10) != 0;  // nine in ten qualified leads are converted
  const bool disqualified = !qualifies && draw.Below(10) < 4;

  // Whose: a converted lead's account owner; otherwise anyone of the sales force, or nobody.
  const auto& sales_users = in.company->SalesUsers();
  int64_t account_number = 0;
  size_t owner = static_cast<size_t>(draw.Below(static_cast<int64_t>(sales_users.size())));
  if (converts) {
    account_number = 1 + draw.Below(in.accounts);
    owner = in.company->Customer(account_number).owner;
  }
  const bool pooled = !qualifies && !disqualified && draw.Below(10) == 0;
  if (!pooled) {
    lead.owner_id = in.owner_ids[owner];
    lead.team_id = in.team_ids[sales_users[owner].team];
  }
  ++batch.summary.leads;
  if (!qualifies && !disqualified) {
    batch.leads.push_back(std::move(lead));
    return;  // open: still being worked on
  }

  // Checked a few days after it came in, reviewed the day after.
  const UserId checker = in.owner_ids[owner];
  const Instant checked = std::min(now, lead.created_at + kDay * (1 + draw.Below(7)));
  const Instant reviewed = std::min(now, checked + kDay);
  sales::Qualification& q = lead.qualification;
  if (disqualified) {
    q.checks[static_cast<size_t>(sales::Condition::kGoodCredit)] =
        sales::ConditionCheck{false, checker, checked, "在其他物流商有三个月运费拖欠记录"};
    q.qualified = false;
    q.reviewed_at = reviewed;
    q.review_reason = "信用不良，暂不开发";
    lead.status = sales::LeadStatus::kDisqualified;
    lead.updated_at = reviewed;
    batch.leads.push_back(std::move(lead));
    return;
  }
  q.checks = {sales::ConditionCheck{true, checker, checked, "系统中无该客户账户，客户确认目前使用其他物流商"},
              sales::ConditionCheck{true, checker, checked, "电话沟通确认月发货量与时效需求"},
              sales::ConditionCheck{true, checker, checked, "信用中国查询无失信记录，其他物流商无欠款"}};
  lead.ratings = sales::Ratings{3 + draw.Below(3), 2 + draw.Below(4), 3 + draw.Below(3), 2 + draw.Below(4), 2 + draw.Below(4)};
  lead.score = sales::Score(*lead.ratings, sales::kDefaultWeights);
  q.qualified = true;
  q.reviewed_at = reviewed;
  q.review_reason = "三项条件均满足，评分良好，同意转为商机";
  lead.status = sales::LeadStatus::kQualified;
  lead.updated_at = reviewed;
  if (!converts) {
    batch.leads.push_back(std::move(lead));
    return;
  }

  sales::Opportunity o;
  o.id = sales::OpportunityId{opportunity_id};
  o.name = lead.company;
  o.account_id = CustomerId{in.first_account_id + account_number - 1};
  o.lead_id = lead.id;
  o.owner_id = lead.owner_id;
  o.team_id = lead.team_id;
  o.monthly_volume = lead.monthly_volume;
  // The salesperson's estimate: the lead's spend, give or take a fifth.
  o.monthly_revenue = Money::Cny(lead.monthly_spend->minor * (80 + draw.Below(41)) / 100);
  o.created_at = o.updated_at = reviewed;
  const size_t outcome = draw.Weighted(kOutcomeShare);
  if (outcome < 5) {
    o.stage = static_cast<sales::Stage>(outcome);
    o.probability = sales::DefaultProbability(o.stage);
  } else {
    const Instant closed = std::min(now, o.created_at + kDay * (7 + draw.Below(90)));
    o.closed_at = closed;
    o.updated_at = closed;
    if (outcome == 5) {
      o.stage = sales::Stage::kMaintenance;
      o.outcome = sales::Outcome::kWon;
      o.probability = 100;
      ++batch.summary.won;
    } else {
      o.stage = static_cast<sales::Stage>(draw.Below(5));
      o.outcome = sales::Outcome::kLost;
      o.probability = 0;
      const size_t reason = draw.Weighted(kLostReasonShare);
      o.lost_reason = kLostReasons[reason];
      o.lost_note = kLostNotes[reason];
      ++batch.summary.lost;
    }
  }
  lead.status = sales::LeadStatus::kConverted;
  lead.account_id = o.account_id;
  lead.opportunity_id = o.id.value();
  lead.updated_at = o.created_at;
  ++batch.summary.converted;
  batch.leads.push_back(std::move(lead));
  batch.opportunities.push_back(std::move(o));
}

}  // namespace

PipelineSummary LoadBulkPipeline(db::Database& database, const Clock& clock, const BulkPipelineInput& input,
                                 int64_t leads, uint64_t seed, std::ostream& out) {
  PipelineSummary summary;
  if (leads <= 0 || input.accounts <= 0 || input.owner_ids.empty()) return summary;
  const auto started = std::chrono::steady_clock::now();
  const Instant now = clock.Now();
  int64_t lead_id = 0, opportunity_id = 0;
  {
    auto tx = database.Begin(db::TxMode::kRead);
    lead_id = sales::MaxLeadId(*tx);
    opportunity_id = sales::MaxOpportunityId(*tx);
  }
  // Transactions of 20,000 leads: few commits (each an fsync), a bounded WAL.
  constexpr int64_t kPerTransaction = 20'000;
  for (int64_t done = 0; done < leads;) {
    BulkBatch batch;
    const int64_t n = std::min(kPerTransaction, leads - done);
    batch.leads.reserve(static_cast<size_t>(n));
    for (int64_t k = 0; k < n; ++k) {
      BulkLead(input, input.first_number + done + k, seed, now, ++lead_id, opportunity_id + 1, batch);
      if (!batch.opportunities.empty()) opportunity_id = batch.opportunities.back().id.value();
    }
    auto tx = database.Begin(db::TxMode::kWrite);
    sales::InsertLeadsBulk(*tx, batch.leads, UserId{0});
    sales::InsertOpportunitiesBulk(*tx, batch.opportunities);
    tx->Commit();
    done += n;
    summary.leads += batch.summary.leads;
    summary.converted += batch.summary.converted;
    summary.won += batch.summary.won;
    summary.lost += batch.summary.lost;
  }
  {
    auto tx = database.Begin(db::TxMode::kWrite);
    sales::EndBulkInsert(*tx);
    tx->Commit();
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  out << "leads in bulk: " << summary.leads << " (converted " << summary.converted << ", won " << summary.won
      << ", lost " << summary.lost << ") in " << static_cast<int64_t>(seconds * 10) / 10.0 << " s\n";
  return summary;
}

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
