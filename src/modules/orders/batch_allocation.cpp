#include "modules/orders/batch_allocation.hpp"

#include <ClpSimplex.hpp>

#include <algorithm>
#include <cmath>
#include <functional>
#include <numeric>
#include <tuple>
#include <unordered_map>

namespace consign::orders {
namespace {

constexpr int64_t kGramsStep = 100;    // orders are classed by weight rounded up to this
constexpr double kGramsPerLpUnit = 1000;  // weight rows in kilograms: coefficients near 1 suit the simplex
constexpr double kIntegralSlack = 1e-6;   // an LP value within this of a whole number counts as it

// Orders the LP cannot tell apart: the same cost with every carrier and the same 100 g weight step.
struct OrderClass {
  int64_t lightest = 0;  // grams of its lightest and heaviest order
  int64_t heaviest = 0;
  std::vector<int> orders;  // indices into BatchProblem::orders
  const std::vector<int64_t>* cost_fen = nullptr;  // its first order's, shared by all
  std::vector<int> carriers;                        // those that can take it
};

struct ClassKey {
  int64_t step = 0;
  const std::vector<int64_t>* cost_fen = nullptr;
  friend bool operator==(const ClassKey& a, const ClassKey& b) {
    return a.step == b.step && *a.cost_fen == *b.cost_fen;
  }
};

struct ClassKeyHash {
  size_t operator()(const ClassKey& key) const {
    size_t h = std::hash<int64_t>{}(key.step);
    for (int64_t cost : *key.cost_fen) h = h * 1'000'003 ^ std::hash<int64_t>{}(cost);
    return h;
  }
};

// Classes of those of `orders` some carrier can take; the others are left unassigned by the caller.
std::vector<OrderClass> Classify(const BatchProblem& problem, std::span<const int> orders) {
  std::vector<OrderClass> classes;
  std::unordered_map<ClassKey, size_t, ClassKeyHash> index;
  for (int i : orders) {
    const BatchOrder& order = problem.orders[i];
    if (std::none_of(order.cost_fen.begin(), order.cost_fen.end(), [](int64_t c) { return c != kNoCarrier; }))
      continue;
    const ClassKey key{(std::max<int64_t>(order.grams, 0) + kGramsStep - 1) / kGramsStep, &order.cost_fen};
    auto [it, added] = index.try_emplace(key, classes.size());
    if (added) {
      OrderClass& c = classes.emplace_back();
      c.lightest = c.heaviest = order.grams;
      c.cost_fen = &order.cost_fen;
      for (size_t j = 0; j < order.cost_fen.size(); ++j)
        if (order.cost_fen[j] != kNoCarrier) c.carriers.push_back(static_cast<int>(j));
    }
    OrderClass& c = classes[it->second];
    c.lightest = std::min(c.lightest, order.grams);
    c.heaviest = std::max(c.heaviest, order.grams);
    c.orders.push_back(i);
  }
  return classes;
}

enum class ClassWeight { kHeaviest, kLightest };

// x[k][j] orders of class k to carrier j (in the order of OrderClass::carriers), then u[k] unassigned.
struct LpSolution {
  bool optimal = false;
  std::vector<std::vector<double>> to_carrier;
  double assigned = 0;
  double cost_fen = 0;  // Σ c·x, penalties left out
};

// The class LP (batch_allocation.hpp). `weight` picks which order of a class stands for all of it in
// the weight rows; `assigned_exactly` adds the row Σ x = that count.
LpSolution SolveClassLp(const std::vector<OrderClass>& classes, std::span<const BatchCarrier> carriers,
                        double penalty_fen, ClassWeight weight, std::optional<int64_t> assigned_exactly) {
  const int class_count = static_cast<int>(classes.size());
  const int carrier_count = static_cast<int>(carriers.size());
  const int count_row = class_count + 2 * carrier_count;
  const int row_count = count_row + (assigned_exactly ? 1 : 0);

  std::vector<double> row_lower(row_count, 0), row_upper(row_count, 0);
  for (int k = 0; k < class_count; ++k) row_lower[k] = row_upper[k] = static_cast<double>(classes[k].orders.size());
  for (int j = 0; j < carrier_count; ++j) {
    row_lower[class_count + j] = row_lower[class_count + carrier_count + j] = -COIN_DBL_MAX;
    row_upper[class_count + j] = static_cast<double>(std::max<int64_t>(carriers[j].orders_left, 0));
    row_upper[class_count + carrier_count + j] =
        static_cast<double>(std::max<int64_t>(carriers[j].grams_left, 0)) / kGramsPerLpUnit;
  }
  if (assigned_exactly) row_lower[count_row] = row_upper[count_row] = static_cast<double>(*assigned_exactly);

  std::vector<CoinBigIndex> starts{0};
  std::vector<int> rows;
  std::vector<double> values, column_upper, objective;
  auto add_entry = [&](int row, double value) {
    rows.push_back(row);
    values.push_back(value);
  };
  for (int k = 0; k < class_count; ++k) {
    const OrderClass& c = classes[k];
    const double size = static_cast<double>(c.orders.size());
    const double kilograms = static_cast<double>(weight == ClassWeight::kHeaviest ? c.heaviest : c.lightest) / kGramsPerLpUnit;
    for (int j : c.carriers) {
      add_entry(k, 1);
      add_entry(class_count + j, 1);
      if (kilograms > 0) add_entry(class_count + carrier_count + j, kilograms);
      if (assigned_exactly) add_entry(count_row, 1);
      starts.push_back(static_cast<CoinBigIndex>(rows.size()));
      column_upper.push_back(size);
      objective.push_back(static_cast<double>((*c.cost_fen)[j]));
    }
    add_entry(k, 1);  // unassigned
    starts.push_back(static_cast<CoinBigIndex>(rows.size()));
    column_upper.push_back(size);
    objective.push_back(penalty_fen);
  }
  const int column_count = static_cast<int>(objective.size());
  const std::vector<double> column_lower(column_count, 0);

  ClpSimplex model;
  model.setLogLevel(0);
  model.loadProblem(column_count, row_count, starts.data(), rows.data(), values.data(), column_lower.data(),
                    column_upper.data(), objective.data(), row_lower.data(), row_upper.data());
  model.dual();

  LpSolution solution;
  solution.optimal = model.isProvenOptimal();
  if (!solution.optimal) return solution;
  const double* x = model.primalColumnSolution();
  int column = 0;
  solution.to_carrier.resize(classes.size());
  for (int k = 0; k < class_count; ++k) {
    for (int j : classes[k].carriers) {
      solution.to_carrier[k].push_back(x[column]);
      solution.assigned += x[column];
      solution.cost_fen += x[column] * static_cast<double>((*classes[k].cost_fen)[j]);
      ++column;
    }
    ++column;  // unassigned
  }
  return solution;
}

class Placement {
 public:
  Placement(const BatchProblem& problem, BatchSolution& solution) : problem_(problem), solution_(solution) {
    for (const BatchCarrier& c : problem.carriers)
      room_.push_back({std::max<int64_t>(c.orders_left, 0), std::max<int64_t>(c.grams_left, 0)});
  }

  // Gives the order to the carrier when both its capacities have room; false otherwise.
  bool TryPlace(int order, int carrier) {
    BatchCarrier& room = room_[carrier];
    const int64_t grams = problem_.orders[order].grams;
    if (room.orders_left < 1 || room.grams_left < grams) return false;
    --room.orders_left;
    room.grams_left -= grams;
    solution_.carrier_of[order] = carrier;
    ++solution_.assigned;
    solution_.total_cost_fen += problem_.orders[order].cost_fen[carrier];
    return true;
  }

  void Unplace(int order) {
    const int carrier = solution_.carrier_of[order];
    ++room_[carrier].orders_left;
    room_[carrier].grams_left += problem_.orders[order].grams;
    solution_.carrier_of[order] = -1;
    --solution_.assigned;
    solution_.total_cost_fen -= problem_.orders[order].cost_fen[carrier];
  }

  // What the carriers have left.
  std::span<const BatchCarrier> room() const { return room_; }

 private:
  const BatchProblem& problem_;
  BatchSolution& solution_;
  std::vector<BatchCarrier> room_;
};

// Places ⌊x⌋ orders of each class with its carriers; returns the orders not placed.
std::vector<int> PlaceWholeOrders(const std::vector<OrderClass>& classes, const LpSolution& lp, Placement& placement) {
  std::vector<int> leftovers;
  for (size_t k = 0; k < classes.size(); ++k) {
    const OrderClass& c = classes[k];
    size_t next = 0;
    for (size_t s = 0; lp.optimal && s < c.carriers.size(); ++s) {
      const auto whole = static_cast<size_t>(std::floor(lp.to_carrier[k][s] + kIntegralSlack));
      for (size_t n = 0; n < whole && next < c.orders.size(); ++n, ++next)
        if (!placement.TryPlace(c.orders[next], c.carriers[s])) leftovers.push_back(c.orders[next]);
    }
    leftovers.insert(leftovers.end(), c.orders.begin() + static_cast<std::ptrdiff_t>(next), c.orders.end());
  }
  return leftovers;
}

// One order placed where the LP has the largest fraction of one that fits (a fraction of the class's
// heaviest order may not leave room for a whole one); false when none fits.
bool PlaceLargestFraction(const std::vector<OrderClass>& classes, const LpSolution& lp, Placement& placement) {
  std::vector<std::tuple<double, size_t, size_t>> fractions;
  for (size_t k = 0; k < classes.size(); ++k)
    for (size_t s = 0; s < classes[k].carriers.size(); ++s)
      if (lp.to_carrier[k][s] > kIntegralSlack) fractions.emplace_back(lp.to_carrier[k][s], k, s);
  std::sort(fractions.begin(), fractions.end(), [](const auto& a, const auto& b) { return std::get<0>(a) > std::get<0>(b); });
  for (const auto& [x, k, s] : fractions)
    for (int order : classes[k].orders)
      if (placement.TryPlace(order, classes[k].carriers[s])) return true;
  return false;
}

// While fewer orders are placed than `target`, an unplaced order takes the place of one that moves
// to another carrier with room, the cheapest such pair first. The dive can strand an order or two
// when weight room is split between carriers; this wins them back. Bounded: a few tries per carrier.
void Repair(const BatchProblem& problem, int64_t target, Placement& placement, BatchSolution& solution) {
  if (solution.assigned >= target) return;
  const size_t carrier_count = problem.carriers.size();
  std::vector<std::vector<int>> placed(carrier_count);
  std::vector<int> unplaced;
  for (size_t i = 0; i < problem.orders.size(); ++i) {
    if (solution.carrier_of[i] >= 0) placed[solution.carrier_of[i]].push_back(static_cast<int>(i));
    else unplaced.push_back(static_cast<int>(i));
  }
  std::stable_sort(unplaced.begin(), unplaced.end(),
                   [&](int a, int b) { return problem.orders[a].grams < problem.orders[b].grams; });
  const size_t tries = std::min(unplaced.size(), 8 * carrier_count);
  for (size_t t = 0; t < tries && solution.assigned < target; ++t) {
    const int order = unplaced[t];
    const BatchOrder& o = problem.orders[order];
    struct Move { int64_t extra_fen; int moved; int from; int to; };
    std::optional<Move> best;
    for (size_t from = 0; from < carrier_count; ++from) {
      if (o.cost_fen[from] == kNoCarrier) continue;
      const BatchCarrier& room = placement.room()[from];
      for (int moved : placed[from]) {
        const BatchOrder& m = problem.orders[moved];
        if (room.grams_left + m.grams < o.grams) continue;  // its order slot is freed either way
        for (size_t to = 0; to < carrier_count; ++to) {
          if (to == from || m.cost_fen[to] == kNoCarrier) continue;
          if (placement.room()[to].orders_left < 1 || placement.room()[to].grams_left < m.grams) continue;
          const int64_t extra = o.cost_fen[from] + m.cost_fen[to] - m.cost_fen[from];
          if (!best || extra < best->extra_fen)
            best = Move{extra, moved, static_cast<int>(from), static_cast<int>(to)};
        }
      }
    }
    if (!best) continue;
    placement.Unplace(best->moved);
    placement.TryPlace(best->moved, best->to);
    placement.TryPlace(order, best->from);
    std::erase(placed[best->from], best->moved);
    placed[best->to].push_back(best->moved);
    placed[best->from].push_back(order);
  }
}

// Rounding: the plan's whole orders first. The few orders left over are re-planned by the same LP
// over what room is left, its whole orders placed or else its largest fraction (a dive: each round
// places at least one order), until the LP assigns nothing more. Whatever still cannot be placed that
// way goes, heaviest first, to its cheapest carrier with room.
void Round(const BatchProblem& problem, const std::vector<OrderClass>& classes, const LpSolution& plan,
           double penalty_fen, BatchSolution& solution) {
  Placement placement(problem, solution);
  std::vector<int> leftovers = PlaceWholeOrders(classes, plan, placement);
  while (!leftovers.empty()) {
    const std::vector<OrderClass> rest = Classify(problem, leftovers);
    if (rest.empty()) break;
    const LpSolution lp = SolveClassLp(rest, placement.room(), penalty_fen, ClassWeight::kHeaviest, std::nullopt);
    if (!lp.optimal || lp.assigned < kIntegralSlack) break;
    const size_t before = solution.assigned;
    std::vector<int> still = PlaceWholeOrders(rest, lp, placement);
    if (static_cast<size_t>(solution.assigned) == before && !PlaceLargestFraction(rest, lp, placement)) break;
    std::erase_if(still, [&](int order) { return solution.carrier_of[order] >= 0; });
    leftovers = std::move(still);
  }
  std::stable_sort(leftovers.begin(), leftovers.end(),
                   [&](int a, int b) { return problem.orders[a].grams > problem.orders[b].grams; });
  for (int order : leftovers) {
    const std::vector<int64_t>& costs = problem.orders[order].cost_fen;
    std::vector<int> by_cost;
    for (size_t j = 0; j < costs.size(); ++j)
      if (costs[j] != kNoCarrier) by_cost.push_back(static_cast<int>(j));
    std::stable_sort(by_cost.begin(), by_cost.end(), [&](int a, int b) { return costs[a] < costs[b]; });
    for (int carrier : by_cost)
      if (placement.TryPlace(order, carrier)) break;
  }
  Repair(problem, static_cast<int64_t>(std::floor(plan.assigned + kIntegralSlack)), placement, solution);
}

}  // namespace

int64_t UnassignedPenaltyFen(const BatchProblem& problem) {
  int64_t highest = 0;
  for (const BatchOrder& order : problem.orders)
    for (int64_t cost : order.cost_fen) highest = std::max(highest, cost);
  return (static_cast<int64_t>(problem.carriers.size()) + 1) * highest + 1;
}

BatchSolution AllocateBatch(const BatchProblem& problem) {
  BatchSolution solution;
  solution.carrier_of.assign(problem.orders.size(), -1);
  std::vector<int> all(problem.orders.size());
  std::iota(all.begin(), all.end(), 0);
  const std::vector<OrderClass> classes = Classify(problem, all);
  if (classes.empty()) return solution;

  const auto penalty = static_cast<double>(UnassignedPenaltyFen(problem));
  const LpSolution plan = SolveClassLp(classes, problem.carriers, penalty, ClassWeight::kHeaviest, std::nullopt);
  Round(problem, classes, plan, penalty, solution);

  // The bound: weights at each class's lightest order (a relaxation of the per-order LP), as many
  // orders as the rounding assigned. The plan's own optimum is it when nothing differs.
  const bool uniform = std::all_of(classes.begin(), classes.end(),
                                   [](const OrderClass& c) { return c.lightest == c.heaviest; });
  if (plan.optimal && uniform && std::abs(plan.assigned - static_cast<double>(solution.assigned)) < kIntegralSlack) {
    solution.lp_cost_fen = plan.cost_fen;
  } else {
    const LpSolution bound =
        SolveClassLp(classes, problem.carriers, penalty, ClassWeight::kLightest, solution.assigned);
    solution.lp_cost_fen = bound.optimal ? bound.cost_fen : 0;
  }
  return solution;
}

}  // namespace consign::orders
