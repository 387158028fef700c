// Batch allocation of a day's orders under the carriers' capacities (issue 9 item 4): 100,000 orders
// × 20 carriers by default. A figure, not a test: it prints the solver's time and cost beside a
// reference measured in the same run and asserts nothing about time.
//
//   reference  the greedy rule a dispatcher would follow: each order in turn, heaviest first, to its
//              cheapest carrier with room left
//   batch      AllocateBatch: the class LP solved with COIN-OR Clp, rounded (batch_allocation.hpp)
//
// Both are compared with the LP's lower bound for the number of orders each assigned. The day is made
// like a real one: 31 provinces, lanes weighted by volume (the east and south send and receive most),
// weights from documents to 30 kg (most under 3 kg), carriers from a nationwide network to regional
// ones with different prices, and capacities that bind for the cheap carriers (together 110 % of the
// day).
//
// Usage: allocation_bench [ORDERS [CARRIERS [SEED]]]   (defaults 100000 20 1)
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <numeric>
#include <random>
#include <string>
#include <vector>

#include "modules/orders/batch_allocation.hpp"

namespace consign::orders {
namespace {

constexpr int kProvinces = 31;

struct Day {
  BatchProblem problem;
  int lanes = 0;
};

// Province p's share of the parcels: a few big ones (广东, 浙江, 江苏, 上海…) and a long tail.
std::vector<double> ProvinceWeights() {
  std::vector<double> w(kProvinces);
  for (int p = 0; p < kProvinces; ++p) w[p] = 1.0 / (1.0 + p * 0.6);
  return w;
}

Day MakeDay(int orders, int carriers, unsigned seed) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> unit(0, 1);
  Day day;

  // Carrier j covers every province (the first three: national networks) or a region of 6–15
  // neighbouring ones; its price per zone and per kilo differs by up to ±30 %.
  struct Terms {
    std::vector<bool> covers;
    double first_fen = 0, per_kg_fen = 0;
  };
  std::vector<Terms> terms(carriers);
  for (int j = 0; j < carriers; ++j) {
    Terms& t = terms[j];
    t.covers.assign(kProvinces, j < 3);
    if (j >= 3) {
      const int start = static_cast<int>(unit(rng) * kProvinces);
      const int span = 6 + static_cast<int>(unit(rng) * 10);
      for (int k = 0; k < span; ++k) t.covers[(start + k) % kProvinces] = true;
    }
    t.first_fen = 600 + unit(rng) * 500;
    t.per_kg_fen = 150 + unit(rng) * 150;
  }

  const std::vector<double> weights = ProvinceWeights();
  std::discrete_distribution<int> province(weights.begin(), weights.end());
  std::lognormal_distribution<double> kilos(0.2, 0.9);
  day.problem.orders.reserve(orders);
  int64_t total_grams = 0;
  for (int i = 0; i < orders; ++i) {
    const int from = province(rng), to = province(rng);
    const int64_t grams = std::clamp<int64_t>(static_cast<int64_t>(kilos(rng) * 1000), 50, 30'000);
    const int64_t chargeable_kg = (grams + 999) / 1000;
    const double zone = from == to ? 1.0 : (std::abs(from - to) < 4 ? 1.3 : 1.7);
    BatchOrder o;
    o.grams = grams;
    o.cost_fen.assign(carriers, kNoCarrier);
    for (int j = 0; j < carriers; ++j)
      if (terms[j].covers[from] && terms[j].covers[to])
        o.cost_fen[j] = static_cast<int64_t>(zone * (terms[j].first_fen + (chargeable_kg - 1) * terms[j].per_kg_fen));
    total_grams += grams;
    day.problem.orders.push_back(std::move(o));
  }
  day.lanes = kProvinces * kProvinces;

  // Capacities: shares of 110 % of the day, larger for the national networks; the weight capacity is
  // the order share of the day's weight with 10 % to spare.
  std::vector<double> share(carriers);
  for (int j = 0; j < carriers; ++j) share[j] = (j < 3 ? 4.0 : 1.0) * (0.7 + 0.6 * unit(rng));
  const double total_share = std::accumulate(share.begin(), share.end(), 0.0);
  for (int j = 0; j < carriers; ++j) {
    const double part = share[j] / total_share * 1.1;
    day.problem.carriers.push_back(BatchCarrier{static_cast<int64_t>(part * orders),
                                                static_cast<int64_t>(part * static_cast<double>(total_grams) * 1.1)});
  }
  return day;
}

// Each order, in the order `before` sorts them, to its cheapest carrier with room.
template <class Before>
BatchSolution Greedy(const BatchProblem& problem, Before before) {
  BatchSolution s;
  s.carrier_of.assign(problem.orders.size(), -1);
  std::vector<int64_t> orders_left, grams_left;
  for (const BatchCarrier& c : problem.carriers) orders_left.push_back(c.orders_left), grams_left.push_back(c.grams_left);
  std::vector<size_t> by_weight(problem.orders.size());
  std::iota(by_weight.begin(), by_weight.end(), 0);
  std::stable_sort(by_weight.begin(), by_weight.end(), before);
  for (size_t i : by_weight) {
    const BatchOrder& o = problem.orders[i];
    int best = -1;
    for (size_t j = 0; j < o.cost_fen.size(); ++j) {
      if (o.cost_fen[j] == kNoCarrier || orders_left[j] < 1 || grams_left[j] < o.grams) continue;
      if (best < 0 || o.cost_fen[j] < o.cost_fen[best]) best = static_cast<int>(j);
    }
    if (best < 0) continue;
    s.carrier_of[i] = best;
    --orders_left[best];
    grams_left[best] -= o.grams;
    ++s.assigned;
    s.total_cost_fen += o.cost_fen[best];
  }
  return s;
}

double Seconds(std::chrono::steady_clock::time_point since) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - since).count();
}

// `lp_bound` is the LP's least cost for `bound_orders` orders; a line with another count has no bound.
void Print(const char* label, const BatchSolution& s, double seconds, double lp_bound, int64_t bound_orders) {
  std::printf("%-42s %7.3f s  assigned %7lld  cost ¥%12.2f", label, seconds, static_cast<long long>(s.assigned),
              static_cast<double>(s.total_cost_fen) / 100);
  if (s.assigned == bound_orders && lp_bound > 0)
    std::printf("  over the LP bound %+.3f %%\n", (static_cast<double>(s.total_cost_fen) / lp_bound - 1) * 100);
  else
    std::printf("  (fewer orders than the LP: no bound)\n");
}

int Run(int orders, int carriers, unsigned seed) {
  const auto made = std::chrono::steady_clock::now();
  const Day day = MakeDay(orders, carriers, seed);
  std::printf("== %d orders × %d carriers (seed %u), made in %.2f s\n", orders, carriers, seed, Seconds(made));

  const std::vector<BatchOrder>& all = day.problem.orders;
  auto start = std::chrono::steady_clock::now();
  const BatchSolution heaviest = Greedy(day.problem, [&](size_t a, size_t b) { return all[a].grams > all[b].grams; });
  const double heaviest_s = Seconds(start);

  // The smarter dispatcher: the orders with the fewest carriers first, so that a regional carrier's
  // orders are not crowded out by orders a national network could take.
  std::vector<int> options(all.size());
  for (size_t i = 0; i < all.size(); ++i)
    options[i] = static_cast<int>(std::count_if(all[i].cost_fen.begin(), all[i].cost_fen.end(),
                                                [](int64_t c) { return c != kNoCarrier; }));
  start = std::chrono::steady_clock::now();
  const BatchSolution greedy = Greedy(day.problem, [&](size_t a, size_t b) { return options[a] < options[b]; });
  const double greedy_s = Seconds(start);

  start = std::chrono::steady_clock::now();
  const BatchSolution batch = AllocateBatch(day.problem);
  const double batch_s = Seconds(start);

  Print("reference: greedy, heaviest first", heaviest, heaviest_s, batch.lp_cost_fen, batch.assigned);
  Print("reference: greedy, fewest carriers first", greedy, greedy_s, batch.lp_cost_fen, batch.assigned);
  Print("batch: class LP (Clp) + rounding", batch, batch_s, batch.lp_cost_fen, batch.assigned);
  std::printf("LP lower bound for %lld orders: ¥%.2f\n", static_cast<long long>(batch.assigned), batch.lp_cost_fen / 100);
  std::printf("batch ÷ greedy (fewest carriers first): time %.1f ×, cost %.4f ×, orders assigned %+lld\n", batch_s / std::max(greedy_s, 1e-9),
              static_cast<double>(batch.total_cost_fen) / static_cast<double>(std::max<int64_t>(greedy.total_cost_fen, 1)),
              static_cast<long long>(batch.assigned - greedy.assigned));
  return 0;
}

}  // namespace
}  // namespace consign::orders

int main(int argc, char** argv) {
  const int orders = argc > 1 ? std::atoi(argv[1]) : 100'000;
  const int carriers = argc > 2 ? std::atoi(argv[2]) : 20;
  const unsigned seed = argc > 3 ? static_cast<unsigned>(std::atoi(argv[3])) : 1;
  if (orders < 1 || carriers < 1) {
    std::fprintf(stderr, "usage: allocation_bench [ORDERS [CARRIERS [SEED]]]\n");
    return 2;
  }
  return consign::orders::Run(orders, carriers, seed);
}
