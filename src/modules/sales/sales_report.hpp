#pragma once
// The pipeline report (issue 8 item 6): the funnel by stage, conversion by lead source, win/loss by
// reason and the forecast. The database counts and sums with GROUP BY (sales_store's PipelineGroups,
// SourceGroups); this file turns those few group rows into the report. Pure: no I/O.
//
// Decided, and written once here:
//   - the funnel has the six stages in order. At the first five it counts the OPEN opportunities at
//     that stage; 维护 is reached only by winning (pipeline.hpp), so its row counts the WON ones —
//     the funnel's narrow end. Lost opportunities are in no row of the funnel.
//   - revenue is the expected monthly revenue (an opportunity without one counts as ¥0); weighted is
//     Σ(revenue × probability) ÷ 100 per stage, summed exactly in fen × percent by the database and
//     divided once per stage with Rounding::kHalfEven (core/money.hpp), so rounding never piles up
//     over thousands of rows. The forecast's total is the sum of the five open stages' weighted
//     figures, so the figures shown add up to the total shown.
//   - conversion by source counts leads: `qualified` = leads that passed the review (资质审查: status
//     qualified or converted — converting needs a qualified lead), `converted`, and `won` = converted
//     leads whose opportunity was won. Rates are in basis points of the source's leads (10,000 =
//     100 %), Rounding::kHalfEven; null when the source has no leads.
//   - every figure is over what the caller may see (the module's record rule) and the filters.
#include <array>
#include <chrono>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "core/money.hpp"
#include "core/result.hpp"
#include "modules/sales/lead.hpp"
#include "modules/sales/pipeline.hpp"

namespace consign::sales {

using Date = std::chrono::year_month_day;

// "2026-11-01" (exactly YYYY-MM-DD, a real date); nullopt otherwise.
std::optional<Date> ParseReportDate(std::string_view text);
std::string FormatReportDate(Date date);

// One group of the opportunities the report covers: GROUP BY stage, outcome, lost_reason.
struct OpportunityGroup {
  std::string stage;
  std::string outcome;
  std::string lost_reason;  // "" unless lost
  int64_t count = 0;
  int64_t revenue_minor = 0;           // Σ monthly revenue, fen (missing revenue counts 0)
  int64_t revenue_x_probability = 0;   // Σ monthly revenue × probability, fen × percent
};

// One group of the leads the report covers: GROUP BY source.
struct SourceGroup {
  std::string source;
  int64_t leads = 0;
  int64_t qualified = 0;
  int64_t converted = 0;
  int64_t won = 0;
};

struct FunnelStage {
  Stage stage = Stage::kProspecting;
  int64_t count = 0;
  Money revenue;
  Money weighted;
};

struct SourceConversion {
  const LeadSource* source = nullptr;  // one of kLeadSources
  int64_t leads = 0, qualified = 0, converted = 0, won = 0;
  // Basis points of `leads`; nullopt when leads is 0.
  std::optional<int64_t> qualified_bp, converted_bp, won_bp;
};

struct PipelineReport {
  std::array<FunnelStage, kStages.size()> funnel;
  std::array<SourceConversion, kLeadSources.size()> sources;
  int64_t won = 0;
  std::array<int64_t, kLostReasons.size()> lost_by_reason{};  // by kLostReasons
  int64_t lost = 0;
  int64_t open = 0;
  Money weighted_total;  // forecast: Σ of the five open stages' weighted figures
  Money won_revenue;     // Σ monthly revenue of the won opportunities
};

inline constexpr Rounding kReportRounding = Rounding::kHalfEven;

// Builds the report from the database's groups. Groups naming an unknown stage, outcome, reason or
// source (not written by this module) are left out. kInvalidArgument only on overflow of a sum.
[[nodiscard]] Result<PipelineReport> BuildPipelineReport(std::span<const OpportunityGroup> opportunities,
                                                         std::span<const SourceGroup> sources);

// part ÷ whole in basis points, Rounding::kHalfEven; nullopt when whole is 0.
std::optional<int64_t> RateBasisPoints(int64_t part, int64_t whole);

}  // namespace consign::sales
