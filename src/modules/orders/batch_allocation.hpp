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
//
// How it is solved:
//   1. Classes. Orders with the same cost vector and the same weight rounded up to 100 g cannot be
//      told apart by the LP, so they are one class (in practice the orders of one lane and weight
//      band): the LP has a variable per class × carrier that may take it, not per order × carrier.
//      100,000 orders over 20 carriers become a few thousand classes. Orders no carrier can take stay
//      unassigned without entering the LP.
//   2. The LP. x[k][j] ≥ 0 orders of class k to carrier j at cost c[k][j], u[k] ≥ 0 of them
//      unassigned at the penalty P = (carriers + 1) × the highest cost + 1 (UnassignedPenaltyFen);
//      Σ_j x[k][j] + u[k] = |k|; Σ_k x[k][j] ≤ orders_left[j]; Σ_k w[k] x[k][j] ≤ grams_left[j], where
//      w[k] is the weight of the class's heaviest order, so that any whole-order split of the LP fits.
//      P exceeds what assigning one more order can cost when only order counts bind (it moves at most
//      one order per carrier, each move costing at most the highest cost), so the LP assigns all it
//      can before it saves money. Where weight binds, assigning one heavy order can mean moving many
//      light ones; the LP may then leave it unassigned rather than pay more than P.
//   3. Rounding. Each class's split is floored: ⌊x[k][j]⌋ of its orders go to j. The few orders left
//      over (about one per fractional variable: a few per carrier) are planned again by the same LP
//      over the room left, its whole orders placed, or else one order where its largest fraction
//      fits, until that LP assigns nothing more (a dive). What remains goes, heaviest first, to its
//      cheapest carrier with room. Last, while fewer orders are placed than the first LP assigned
//      (rounded down), an unplaced order takes the slot of one that moves to another carrier with
//      room, cheapest move first, a few tries per carrier. Every placement checks both capacities
//      with the order's own weight, so no capacity is ever exceeded. Against GLPK's per-order LP
//      (batch_allocation_test.cpp, its random cases) this assigned as many orders as the LP, rounded down, at a cost
//      within 0.1 % of the LP's for that many orders.
// Solving 100,000 orders × 20 carriers takes about a second (bench/allocation.cpp).
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
  // The LP's optimum with the same number of orders assigned: a lower bound. Precisely the least Σ c·x
  // of the class LP with Σ x = `assigned` and each class weighing as its lightest order: a relaxation of
  // the per-order LP, so no whole-order assignment of `assigned` orders costs less. When a class's
  // orders weigh the same (weights in whole 100 g) it equals the per-order LP's optimum.
  double lp_cost_fen = 0;
};

// Never fails: with no carrier for an order, or no room, it stays unassigned (carrier_of -1).
BatchSolution AllocateBatch(const BatchProblem& problem);

// P of the LP above: (number of carriers + 1) × the highest cost in the problem + 1, in fen.
int64_t UnassignedPenaltyFen(const BatchProblem& problem);

}  // namespace consign::orders
