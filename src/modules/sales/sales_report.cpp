#include "modules/sales/sales_report.hpp"

#include <cstdio>

namespace consign::sales {

namespace {

Error Overflow() { return InvalidField("report", "overflow", "a sum of the report does not fit in 64 bits"); }

std::optional<size_t> IndexOf(std::span<const std::string_view> names, std::string_view name) {
  for (size_t i = 0; i < names.size(); ++i)
    if (names[i] == name) return i;
  return std::nullopt;
}

// Adds a group's sums into a funnel row.
Status AddInto(int64_t& count, int64_t& revenue, int64_t& x_probability, const OpportunityGroup& g) {
  if (__builtin_add_overflow(count, g.count, &count) || __builtin_add_overflow(revenue, g.revenue_minor, &revenue) ||
      __builtin_add_overflow(x_probability, g.revenue_x_probability, &x_probability))
    return Overflow();
  return Ok();
}

}  // namespace

std::optional<Date> ParseReportDate(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  auto digits = [&](size_t from, size_t n) -> std::optional<int> {
    int v = 0;
    for (size_t i = from; i < from + n; ++i) {
      if (text[i] < '0' || text[i] > '9') return std::nullopt;
      v = v * 10 + (text[i] - '0');
    }
    return v;
  };
  auto y = digits(0, 4), m = digits(5, 2), d = digits(8, 2);
  if (!y || !m || !d || *y < 1900) return std::nullopt;
  const Date date{std::chrono::year{*y}, std::chrono::month{static_cast<unsigned>(*m)},
                  std::chrono::day{static_cast<unsigned>(*d)}};
  if (!date.ok()) return std::nullopt;
  return date;
}

std::string FormatReportDate(Date date) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(date.year()), static_cast<unsigned>(date.month()),
                static_cast<unsigned>(date.day()));
  return buf;
}

std::optional<int64_t> RateBasisPoints(int64_t part, int64_t whole) {
  if (whole <= 0) return std::nullopt;
  int64_t scaled = 0;
  if (__builtin_mul_overflow(part, int64_t{10'000}, &scaled)) return std::nullopt;
  auto rate = DivideRounded(scaled, whole, kReportRounding);
  if (!rate) return std::nullopt;
  return *rate;
}

Result<PipelineReport> BuildPipelineReport(std::span<const OpportunityGroup> opportunities,
                                           std::span<const SourceGroup> sources) {
  PipelineReport report;
  // Per stage: count, Σ revenue and Σ revenue × probability, before the one rounding.
  std::array<int64_t, kStages.size()> count{}, revenue{}, x_probability{};
  int64_t won_revenue = 0;
  for (const OpportunityGroup& g : opportunities) {
    const auto stage = ParseStage(g.stage);
    const auto outcome = ParseOutcome(g.outcome);
    if (!stage || !outcome) continue;
    const size_t s = static_cast<size_t>(*stage);
    switch (*outcome) {
      case Outcome::kOpen:
        if (*stage == Stage::kMaintenance) break;  // cannot happen: 维护 only by winning
        CONSIGN_TRY(AddInto(count[s], revenue[s], x_probability[s], g));
        if (__builtin_add_overflow(report.open, g.count, &report.open)) return Overflow();
        break;
      case Outcome::kWon: {
        // Won opportunities stand at 维护; the funnel's last row counts them, whatever stage a
        // stored row names.
        const size_t m = static_cast<size_t>(Stage::kMaintenance);
        CONSIGN_TRY(AddInto(count[m], revenue[m], x_probability[m], g));
        if (__builtin_add_overflow(report.won, g.count, &report.won) ||
            __builtin_add_overflow(won_revenue, g.revenue_minor, &won_revenue))
          return Overflow();
        break;
      }
      case Outcome::kLost: {
        const auto reason = IndexOf(kLostReasons, g.lost_reason);
        if (!reason) break;
        if (__builtin_add_overflow(report.lost_by_reason[*reason], g.count, &report.lost_by_reason[*reason]) ||
            __builtin_add_overflow(report.lost, g.count, &report.lost))
          return Overflow();
        break;
      }
    }
  }
  int64_t weighted_total = 0;
  for (size_t s = 0; s < kStages.size(); ++s) {
    FunnelStage& row = report.funnel[s];
    row.stage = kStages[s].stage;
    row.count = count[s];
    row.revenue = Money::Cny(revenue[s]);
    // Won ones are certain: their weighted figure is their revenue, whatever probability a row holds.
    if (row.stage == Stage::kMaintenance) {
      row.weighted = row.revenue;
      continue;
    }
    auto weighted = DivideRounded(x_probability[s], 100, kReportRounding);
    if (!weighted) return std::move(weighted).error();
    row.weighted = Money::Cny(*weighted);
    if (__builtin_add_overflow(weighted_total, *weighted, &weighted_total)) return Overflow();
  }
  report.weighted_total = Money::Cny(weighted_total);
  report.won_revenue = Money::Cny(won_revenue);

  for (size_t i = 0; i < kLeadSources.size(); ++i) report.sources[i].source = &kLeadSources[i];
  for (const SourceGroup& g : sources) {
    const auto i = IndexOf(kLeadSourceNames, g.source);
    if (!i) continue;
    SourceConversion& row = report.sources[*i];
    if (__builtin_add_overflow(row.leads, g.leads, &row.leads) ||
        __builtin_add_overflow(row.qualified, g.qualified, &row.qualified) ||
        __builtin_add_overflow(row.converted, g.converted, &row.converted) ||
        __builtin_add_overflow(row.won, g.won, &row.won))
      return Overflow();
  }
  for (SourceConversion& row : report.sources) {
    row.qualified_bp = RateBasisPoints(row.qualified, row.leads);
    row.converted_bp = RateBasisPoints(row.converted, row.leads);
    row.won_bp = RateBasisPoints(row.won, row.leads);
  }
  return report;
}

}  // namespace consign::sales
