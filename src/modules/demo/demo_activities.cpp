#include "modules/demo/demo_activities.hpp"

#include <array>
#include <string_view>

#include "modules/activities/activity_service.hpp"
#include "modules/customers/customer_service.hpp"
#include "platform/scope/scope.hpp"

namespace consign::demo {

namespace {

struct DemoNote {
  activities::ActivityKind kind;
  std::string_view outcome;
  std::string_view note;
  std::string_view next_step;  // empty: none
};

// The work of an account manager as seed 004 describes it: first contact, deeper talks, follow-up.
constexpr std::array<DemoNote, 10> kNotes = {{
    {activities::ActivityKind::kCall, "有意向", "电话联系物流主管，对方目前使用其他快递，月发货量约2000票，愿意了解我们的报价。", "发送报价单"},
    {activities::ActivityKind::kVisit, "见到决策者", "上门拜访总经理和助理，参观仓库，发货以电子产品为主，对包装防震要求高。", "提交防震包装方案"},
    {activities::ActivityKind::kMeeting, "需求已确认", "与采购、财务开会，确认月结30天账期，需要回单和保价服务。", "准备合同草稿"},
    {activities::ActivityKind::kEmail, "已发送", "邮件发送标准快递和重货的协议价，附时效承诺表。", ""},
    {activities::ActivityKind::kNote, "", "客户提到竞争对手上门取件不准时，这是我们的机会。", ""},
    {activities::ActivityKind::kCall, "未接通", "两次致电未接通，助理说经理出差，下周回来。", "再次致电"},
    {activities::ActivityKind::kVisit, "试运满意", "回访试运情况，10票全部按时签收，客户满意。", "商谈正式合作"},
    {activities::ActivityKind::kCall, "投诉已处理", "客户反映一票货外包装破损，已登记理赔并道歉。", "三天后回访理赔进度"},
    {activities::ActivityKind::kMeeting, "价格待定", "客户希望续重价格再降，需要请经理审批折扣。", "请经理审批折扣"},
    {activities::ActivityKind::kNote, "", "客户生日在下月，记得安排客户关怀。", ""},
}};

// Next-step due times relative to now: overdue, earlier today, later today, in a few days.
constexpr std::array<int, 5> kDueHours = {-50, -3, 2, 5, 72};

}  // namespace

int64_t AddDemoActivities(db::Database& database, const Clock& clock, const activities::SubjectRegistry& subjects,
                          int64_t first_id, int64_t accounts, std::ostream& out) {
  using std::chrono::hours;
  const Instant now = clock.Now();
  const std::function<Result<int64_t>(Scope&)> work = [&](Scope& scope) -> Result<int64_t> {
    int64_t added = 0;
    for (int64_t n = 0; n < accounts; ++n) {
      auto account = customers::Get(scope, first_id + n);
      if (!account || !account->owner_user_id) continue;
      const int count = 1 + static_cast<int>(n % 3);
      for (int k = 0; k < count; ++k) {
        const DemoNote& note = kNotes[static_cast<size_t>(n * 3 + k) % kNotes.size()];
        activities::Activity a;
        a.subject = activities::Subject{std::string(activities::kAccountSubject), account->id};
        a.kind = note.kind;
        a.outcome = std::string(note.outcome);
        a.note = std::string(note.note);
        a.owner_id = UserId{*account->owner_user_id};
        // The oldest first, a day or more apart, within the last month.
        a.occurred_at = now - hours(24 * (2 + (n % 20) + 3 * (count - k)) + (n % 7));
        if (k == count - 1 && !note.next_step.empty()) {
          a.next_step = std::string(note.next_step);
          a.next_step_due_at = now + hours(kDueHours[static_cast<size_t>(n) % kDueHours.size()]);
        }
        auto saved = activities::RecordActivity(scope, subjects, std::move(a));
        if (!saved) return saved.error();
        ++added;
      }
    }
    return added;
  };
  Result<int64_t> added = RunInScope<int64_t>(database, clock, Principal::System("demo"), "cli", work);
  if (!added) {
    out << "activities: not added (" << added.error().public_message << ")\n";
    return 0;
  }
  out << "activities: " << *added << " on " << accounts << " accounts\n";
  return *added;
}

}  // namespace consign::demo
