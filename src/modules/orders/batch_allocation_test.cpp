#include "modules/orders/batch_allocation.hpp"

#include <glpk.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>

namespace consign::orders {
namespace {

constexpr int64_t kNo = kNoCarrier;

BatchProblem Problem(std::vector<BatchCarrier> carriers, std::vector<BatchOrder> orders) {
  return BatchProblem{std::move(carriers), std::move(orders)};
}

TEST(BatchAllocation, GivesTheCheapCarriersSlotsToTheOrdersThatSaveMostThere) {
  // Carrier 0 costs 100 for everyone but takes 2 orders; carrier 1 costs 300, 200, 400. Carrier 0
  // should take orders 0 and 2 (they save 200 and 300 there; order 1 only 100): 100 + 200 + 100.
  const BatchProblem p = Problem({{2, 1'000'000}, {10, 1'000'000}},
                                 {{1000, {100, 300}}, {1000, {100, 200}}, {1000, {100, 400}}});
  const BatchSolution s = AllocateBatch(p);
  EXPECT_EQ(s.carrier_of, (std::vector<int>{0, 1, 0}));
  EXPECT_EQ(s.assigned, 3);
  EXPECT_EQ(s.total_cost_fen, 400);
  EXPECT_DOUBLE_EQ(s.lp_cost_fen, 400);
}

TEST(BatchAllocation, KeepsTheWeightCapacityAndRoundsTheFractionalOrderToTheNextCarrier) {
  // Carrier 0 (100 fen) has 3000 g: the two 1000 g orders, not the 2500 g one. The LP also puts
  // (3000 − 2000) ÷ 2500 = 0.4 of the heavy order there: 400 − 0.4 × 100 = 360.
  const BatchProblem p = Problem({{10, 3000}, {10, 1'000'000}},
                                 {{1000, {100, 200}}, {2500, {100, 200}}, {1000, {100, 200}}});
  const BatchSolution s = AllocateBatch(p);
  EXPECT_EQ(s.carrier_of, (std::vector<int>{0, 1, 0}));
  EXPECT_EQ(s.total_cost_fen, 400);
  EXPECT_NEAR(s.lp_cost_fen, 360, 1e-6);
}

TEST(BatchAllocation, OrdersOfDifferentWeightsInOneClassNeverOverfillACarrier) {
  // 1950 g and 2000 g share a class (the 2000 g step). Carrier 0 has 3950 g: both fit, exactly.
  const BatchProblem p = Problem({{10, 3950}, {10, 1'000'000}}, {{1950, {100, 200}}, {2000, {100, 200}}});
  const BatchSolution s = AllocateBatch(p);
  EXPECT_EQ(s.carrier_of, (std::vector<int>{0, 0}));
  EXPECT_EQ(s.total_cost_fen, 200);

  // 3949 g: one of them must go to carrier 1.
  const BatchSolution tight = AllocateBatch(Problem({{10, 3949}, {10, 1'000'000}}, p.orders));
  EXPECT_EQ(tight.assigned, 2);
  EXPECT_EQ(tight.total_cost_fen, 300);
}

TEST(BatchAllocation, LeavesUnassignedWhatNoCarrierCanTake) {
  // Order 0: no carrier at all. Orders 1–2: only carrier 0, which has room for one.
  const BatchProblem p = Problem({{1, 1'000'000}, {5, 1'000'000}},
                                 {{1000, {kNo, kNo}}, {1000, {100, kNo}}, {1000, {90, kNo}}, {1000, {kNo, 70}}});
  const BatchSolution s = AllocateBatch(p);
  EXPECT_EQ(s.carrier_of, (std::vector<int>{-1, -1, 0, 1}));
  EXPECT_EQ(s.assigned, 2);
  EXPECT_EQ(s.total_cost_fen, 160);
}

TEST(BatchAllocation, SplitsAClassOfIdenticalOrdersAtTheCapacity) {
  // 1000 identical orders; the cheap carrier takes 600 at 100, the other the remaining 400 at 150.
  const BatchProblem p = Problem({{600, 100'000'000}, {600, 100'000'000}},
                                 std::vector<BatchOrder>(1000, BatchOrder{1200, {100, 150}}));
  const BatchSolution s = AllocateBatch(p);
  EXPECT_EQ(s.assigned, 1000);
  EXPECT_EQ(s.total_cost_fen, 120'000);
  EXPECT_DOUBLE_EQ(s.lp_cost_fen, 120'000);
  EXPECT_EQ(std::count(s.carrier_of.begin(), s.carrier_of.end(), 0), 600);
}

TEST(BatchAllocation, TheUnassignedPenaltyExceedsAChainOfMovesThroughEveryCarrier) {
  // Two carriers, highest cost 400: (2 + 1) × 400 + 1.
  EXPECT_EQ(UnassignedPenaltyFen(Problem({{1, 1}, {1, 1}}, {{1, {100, 400}}, {1, {kNo, 250}}})), 1201);
}

TEST(BatchAllocation, NoOrdersNoAssignments) {
  const BatchSolution s = AllocateBatch(Problem({{1, 1}}, {}));
  EXPECT_EQ(s.assigned, 0);
  EXPECT_TRUE(s.carrier_of.empty());
}

// ---- Against GLPK: the same LP with a variable per order × carrier, no classes ----

struct GlpkOptimum {
  double assigned = 0;
  double cost_fen = 0;  // Σ c·x, penalties left out
};

// min Σ c·x + P Σ u; Σ_j x_ij + u_i = 1; Σ_i x_ij ≤ orders_left_j; Σ_i g_i x_ij ≤ grams_left_j; and with
// `assigned_exactly`, Σ x = that.
GlpkOptimum SolveWithGlpk(const BatchProblem& p, double penalty, std::optional<int64_t> assigned_exactly) {
  const int m = static_cast<int>(p.carriers.size());
  const int n = static_cast<int>(p.orders.size());
  glp_prob* lp = glp_create_prob();
  glp_set_obj_dir(lp, GLP_MIN);
  glp_add_rows(lp, n + 2 * m + 1);
  for (int i = 0; i < n; ++i) glp_set_row_bnds(lp, 1 + i, GLP_FX, 1, 1);
  for (int j = 0; j < m; ++j) {
    glp_set_row_bnds(lp, 1 + n + j, GLP_UP, 0, static_cast<double>(p.carriers[j].orders_left));
    glp_set_row_bnds(lp, 1 + n + m + j, GLP_UP, 0, static_cast<double>(p.carriers[j].grams_left));
  }
  const int count_row = 1 + n + 2 * m;
  if (assigned_exactly) glp_set_row_bnds(lp, count_row, GLP_FX, *assigned_exactly, *assigned_exactly);
  else glp_set_row_bnds(lp, count_row, GLP_FR, 0, 0);

  std::vector<int> ia{0}, ja{0};
  std::vector<double> ar{0};
  std::vector<std::pair<int, int>> x_of;  // column - 1 → (order, carrier); carrier -1: unassigned
  auto add_column = [&](int order, int carrier, double cost) {
    const int column = glp_add_cols(lp, 1);
    glp_set_col_bnds(lp, column, GLP_DB, 0, 1);
    glp_set_obj_coef(lp, column, cost);
    x_of.emplace_back(order, carrier);
    auto entry = [&](int row, double value) { ia.push_back(row); ja.push_back(column); ar.push_back(value); };
    entry(1 + order, 1);
    if (carrier < 0) return;
    entry(1 + n + carrier, 1);
    entry(1 + n + m + carrier, static_cast<double>(p.orders[order].grams));
    entry(count_row, 1);
  };
  for (int i = 0; i < n; ++i) {
    for (int j = 0; j < m; ++j)
      if (p.orders[i].cost_fen[j] != kNoCarrier) add_column(i, j, static_cast<double>(p.orders[i].cost_fen[j]));
    add_column(i, -1, penalty);
  }
  glp_load_matrix(lp, static_cast<int>(ia.size()) - 1, ia.data(), ja.data(), ar.data());
  glp_smcp parameters;
  glp_init_smcp(&parameters);
  parameters.msg_lev = GLP_MSG_OFF;
  parameters.presolve = GLP_ON;
  EXPECT_EQ(glp_simplex(lp, &parameters), 0);
  EXPECT_EQ(glp_get_status(lp), GLP_OPT);
  GlpkOptimum optimum;
  for (size_t c = 0; c < x_of.size(); ++c) {
    const auto [order, carrier] = x_of[c];
    if (carrier < 0) continue;
    const double x = glp_get_col_prim(lp, static_cast<int>(c) + 1);
    optimum.assigned += x;
    optimum.cost_fen += x * static_cast<double>(p.orders[order].cost_fen[carrier]);
  }
  glp_delete_prob(lp);
  return optimum;
}

struct RandomCase {
  int orders = 0;
  int carriers = 0;
  double capacity_to_demand = 1;  // each capacity, summed over carriers, against the orders' total
  bool whole_100g = true;         // weights in whole 100 g: the classes are exact
  uint64_t seed = 0;
};

// Lanes with their own price per carrier, weights 0.2–30 kg priced per started kilogram, and each
// carrier missing about a fifth of the lanes (a few lanes no carrier serves).
BatchProblem Generate(const RandomCase& rc) {
  std::mt19937_64 random(rc.seed);
  auto uniform = [&](int64_t low, int64_t high) { return std::uniform_int_distribution<int64_t>(low, high)(random); };
  constexpr int kLanes = 12;
  std::vector<std::vector<int64_t>> base(kLanes, std::vector<int64_t>(rc.carriers)), per_kg = base;
  for (int lane = 0; lane < kLanes; ++lane)
    for (int j = 0; j < rc.carriers; ++j) {
      base[lane][j] = uniform(1, 5) == 1 ? kNoCarrier : uniform(500, 1500);
      per_kg[lane][j] = uniform(100, 400);
    }
  BatchProblem p;
  int64_t total_grams = 0;
  for (int i = 0; i < rc.orders; ++i) {
    BatchOrder order;
    order.grams = rc.whole_100g ? uniform(2, 300) * 100 : uniform(200, 30'000);
    const int lane = static_cast<int>(uniform(0, kLanes - 1));
    const int64_t kilograms = (order.grams + 999) / 1000;
    for (int j = 0; j < rc.carriers; ++j)
      order.cost_fen.push_back(base[lane][j] == kNoCarrier ? kNoCarrier : base[lane][j] + per_kg[lane][j] * kilograms);
    total_grams += order.grams;
    p.orders.push_back(std::move(order));
  }
  for (int j = 0; j < rc.carriers; ++j) {
    const double share = rc.capacity_to_demand / rc.carriers * static_cast<double>(uniform(50, 150)) / 100;
    p.carriers.push_back({static_cast<int64_t>(share * rc.orders), static_cast<int64_t>(share * static_cast<double>(total_grams))});
  }
  return p;
}

// Whatever the solution, these hold: orders only where allowed, capacities kept, the totals add up.
void ExpectFeasible(const BatchProblem& p, const BatchSolution& s) {
  ASSERT_EQ(s.carrier_of.size(), p.orders.size());
  std::vector<int64_t> orders_used(p.carriers.size()), grams_used(p.carriers.size());
  int64_t assigned = 0, cost = 0;
  for (size_t i = 0; i < p.orders.size(); ++i) {
    const int j = s.carrier_of[i];
    if (j < 0) continue;
    ASSERT_LT(j, static_cast<int>(p.carriers.size()));
    ASSERT_NE(p.orders[i].cost_fen[j], kNoCarrier) << "order " << i << " given to carrier " << j << ", which cannot take it";
    ++orders_used[j];
    grams_used[j] += p.orders[i].grams;
    ++assigned;
    cost += p.orders[i].cost_fen[j];
  }
  for (size_t j = 0; j < p.carriers.size(); ++j) {
    EXPECT_LE(orders_used[j], p.carriers[j].orders_left) << "carrier " << j;
    EXPECT_LE(grams_used[j], p.carriers[j].grams_left) << "carrier " << j;
  }
  EXPECT_EQ(s.assigned, assigned);
  EXPECT_EQ(s.total_cost_fen, cost);
}

// GLPK gives two figures: the per-order LP's optimum (how many orders an LP assigns), and its least
// cost for exactly as many orders as the rounding assigned: the comparison is always for the same
// number of orders. Whole-100 g weights make the classes exact, so the LP is the same and the rounding
// must assign every whole order GLPK's LP does; with any weights the plan takes each class at its
// heaviest order, so it may assign fewer, within 1 %.
void ExpectCloseToGlpk(const RandomCase& rc) {
  const BatchProblem p = Generate(rc);
  const BatchSolution s = AllocateBatch(p);
  ExpectFeasible(p, s);
  const double penalty = static_cast<double>((rc.carriers + 1) * [&] {
    int64_t highest = 0;
    for (const BatchOrder& o : p.orders) for (int64_t c : o.cost_fen) highest = std::max(highest, c);
    return highest;
  }() + 1);
  const GlpkOptimum free = SolveWithGlpk(p, penalty, std::nullopt);
  const auto lp_assigned = static_cast<int64_t>(std::floor(free.assigned + 1e-6));
  if (rc.whole_100g) {
    EXPECT_EQ(s.assigned, lp_assigned);
  } else {
    EXPECT_GE(static_cast<double>(s.assigned), 0.99 * static_cast<double>(lp_assigned));
  }
  EXPECT_GT(s.assigned, 0);

  const GlpkOptimum same_count = SolveWithGlpk(p, penalty, s.assigned);
  const double tolerance = 1e-6 * std::max(1.0, same_count.cost_fen);
  EXPECT_GE(static_cast<double>(s.total_cost_fen), same_count.cost_fen - tolerance);
  EXPECT_LE(static_cast<double>(s.total_cost_fen), 1.01 * same_count.cost_fen)
      << "rounded " << s.total_cost_fen << " against GLPK's LP " << same_count.cost_fen;
  EXPECT_LE(s.lp_cost_fen, same_count.cost_fen + tolerance);  // a lower bound
  if (rc.whole_100g) {
    EXPECT_NEAR(s.lp_cost_fen, same_count.cost_fen, tolerance);
  }
  std::printf("%d × %d, capacity %.2f × demand%s: assigned %lld (GLPK LP %.2f), cost %lld fen, GLPK %.1f (+%.3f %%)\n",
              rc.orders, rc.carriers, rc.capacity_to_demand, rc.whole_100g ? "" : ", any weights",
              static_cast<long long>(s.assigned), free.assigned, static_cast<long long>(s.total_cost_fen),
              same_count.cost_fen, 100 * (static_cast<double>(s.total_cost_fen) / same_count.cost_fen - 1));
}

TEST(BatchAllocation, MatchesGlpkOnSmallLooseCases) {
  for (uint64_t seed = 1; seed <= 3; ++seed) ExpectCloseToGlpk({200, 5, 1.5, true, seed});
}

TEST(BatchAllocation, MatchesGlpkOnSmallTightCases) {
  for (uint64_t seed = 1; seed <= 3; ++seed) ExpectCloseToGlpk({200, 5, 0.7, true, seed});
}

TEST(BatchAllocation, MatchesGlpkOnLargerCases) {
  ExpectCloseToGlpk({2000, 10, 1.2, true, 11});
  ExpectCloseToGlpk({2000, 10, 0.8, true, 12});
}

TEST(BatchAllocation, StaysCloseToGlpkWithWeightsToTheGram) {
  ExpectCloseToGlpk({200, 5, 0.7, false, 21});
  ExpectCloseToGlpk({2000, 10, 0.8, false, 22});
  ExpectCloseToGlpk({2000, 10, 1.2, false, 23});
}

}  // namespace
}  // namespace consign::orders
