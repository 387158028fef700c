#pragma once
// Batch allocation: a whole day's orders (or an import) given to carriers at once under their
// capacities, at the least total cost to us. A linear program solved with COIN-OR Clp, then rounded to
// whole orders; checked against GLPK's optimum of the same LP in batch_allocation_test.cpp. Pure apart
// from the solver library.
//
// The problem: order i may go to carrier j at cost c[i][j] (fen) or not at all (no coverage, no rate,
// failing: the single-order rule's exclusions, made by the caller); carrier j takes at most
// orders_left[j] orders and grams_left[j] grams; an order no carrier can take stays unassigned (the
// dispatcher's queue). Minimise Σ c·x with as many orders assigned as the capacities allow.
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

namespace consign::orders {

inline constexpr int64_t kNoCarrier = -1;  // in BatchOrder::cost_fen: this carrier cannot take the order

struct BatchCarrier {
  int64_t orders_left = 0;
  int64_t grams_left = 0;
};

struct BatchOrder {
  int64_t grams = 0;
  std::vector<int64_t> cost_fen;  // one per carrier, in the order of BatchProblem::carriers; kNoCarrier: excluded
};

struct BatchProblem {
  std::vector<BatchCarrier> carriers;
  std::vector<BatchOrder> orders;
};

struct BatchSolution {
  std::vector<int> carrier_of;  // per order: index into carriers, or -1 when unassigned
  int64_t assigned = 0;
  int64_t total_cost_fen = 0;    // of the rounded, whole-order assignment
  double lp_cost_fen = 0;        // the LP's optimum with the same number of orders assigned: a lower bound
};

BatchSolution AllocateBatch(const BatchProblem& problem);

}  // namespace consign::orders
