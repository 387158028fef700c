#include "modules/demo/demo_company.hpp"

#include <algorithm>
#include <array>
#include <string_view>

#include <fmt/format.h>

#include "modules/geo/china_divisions.hpp"

namespace consign::demo {

// China's divisions are the geo module's (its public header).
using geo::Cities;
using geo::City;
using geo::District;
using geo::Districts;
using geo::Province;
using geo::Provinces;
namespace {

// splitmix64: tiny, fast, and good enough to make demo data look random.
class Random {
 public:
  explicit Random(uint64_t seed) : state_(seed) {}
  uint64_t Next() {
    uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  // Uniform in [0, n).
  uint64_t Below(uint64_t n) { return Next() % n; }
  // True with probability percent/100.
  bool Percent(int percent) { return static_cast<int>(Below(100)) < percent; }
  template <class T, std::size_t N>
  const T& Pick(const std::array<T, N>& items) { return items[Below(N)]; }

 private:
  uint64_t state_;
};

template <class T>
struct Weighted {
  T value;
  int weight;
};

template <class T, std::size_t N>
const T& PickWeighted(Random& random, const std::array<Weighted<T>, N>& items) {
  int total = 0;
  for (const auto& item : items) total += item.weight;
  int roll = static_cast<int>(random.Below(total));
  for (const auto& item : items) {
    if (roll < item.weight) return item.value;
    roll -= item.weight;
  }
  return items.back().value;
}

using sv = std::string_view;

// Surnames weighted roughly by how common they are (王 李 张 刘 陈 lead with ~7% each).
constexpr std::array<Weighted<sv>, 60> kSurnames = {{
    {"王", 72}, {"李", 72}, {"张", 68}, {"刘", 54}, {"陈", 45}, {"杨", 31}, {"黄", 23}, {"赵", 20},
    {"吴", 20}, {"周", 19}, {"徐", 15}, {"孙", 15}, {"马", 15}, {"朱", 14}, {"胡", 13}, {"郭", 12},
    {"何", 12}, {"林", 11}, {"高", 11}, {"罗", 11}, {"郑", 10}, {"梁", 10}, {"谢", 8},  {"宋", 8},
    {"唐", 8},  {"许", 7},  {"韩", 7},  {"冯", 7},  {"邓", 7},  {"曹", 7},  {"彭", 6},  {"曾", 6},
    {"肖", 6},  {"田", 6},  {"董", 5},  {"袁", 5},  {"潘", 5},  {"于", 5},  {"蒋", 5},  {"蔡", 5},
    {"余", 5},  {"杜", 4},  {"叶", 4},  {"程", 4},  {"苏", 4},  {"魏", 4},  {"吕", 4},  {"丁", 4},
    {"任", 4},  {"沈", 4},  {"姚", 3},  {"卢", 3},  {"姜", 3},  {"崔", 3},  {"钟", 3},  {"谭", 3},
    {"陆", 3},  {"汪", 3},  {"范", 3},  {"欧阳", 1},
}};

constexpr std::array<sv, 80> kGivenChars = {
    "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明",
    "超", "秀", "霞", "平", "刚", "桂", "英", "华", "玉", "萍", "红", "鹏", "辉", "建", "国", "文",
    "海", "燕", "晨", "欣", "宇", "浩", "婷", "雪", "琳", "佳", "俊", "峰", "凯", "斌", "波", "宁",
    "亮", "飞", "云", "莉", "倩", "颖", "志", "梅", "丹", "雯", "晓", "新", "春", "林", "慧", "东",
    "子", "梓", "涵", "轩", "博", "思", "嘉", "睿", "瑶", "一", "诺", "昊", "然", "泽", "雨", "鑫",
};

// Shop names (字号): two characters that sound like a business.
constexpr std::array<sv, 64> kTradeNames = {
    "顺达", "恒通", "鑫源", "华信", "宏发", "永盛", "金鹏", "瑞丰", "泰和", "广润", "新天", "博远",
    "嘉禾", "联创", "天成", "中科", "海纳", "同创", "盛世", "远航", "东方", "长城", "振华", "兴业",
    "万达", "富康", "锦程", "正泰", "德邦", "汇丰", "亿嘉", "星辰", "浩宇", "佳美", "安泰", "荣昌",
    "鼎盛", "凯旋", "四海", "利民", "宏图", "立信", "诚信", "协和", "华美", "金桥", "创维", "新视",
    "蓝天", "绿源", "红星", "银河", "百川", "千禧", "万家", "聚贤", "明德", "通达", "恒信", "昌盛",
    "九州", "天宇", "和盛", "卓越",
};

struct Industry {
  sv code;
  int weight;  // per mille of accounts; a 3PL's book is led by e-commerce and manufacturing
  std::array<sv, 3> words;
  sv market;   // api-contract.md market
  sv packaging;
  sv handling;
};

constexpr std::array<Industry, 10> kIndustries = {{
    {"ecommerce", 220, {"电子商务", "网络科技", "电商"}, "general", "快递袋+气泡膜", "每日17:00前揽收，代收货款"},
    {"manufacturing", 180, {"机械", "精密制造", "五金制品"}, "industrial", "木托盘缠绕膜", "叉车装卸，整车直发"},
    {"retail", 120, {"商贸", "百货", "连锁超市"}, "general", "周转箱", "按门店分拣"},
    {"electronics", 120, {"电子", "电子科技", "电器"}, "electronics", "防震泡沫+木箱", "易碎品，轻拿轻放"},
    {"apparel", 100, {"服饰", "服装", "制衣"}, "general", "防污包装袋", "轻泡货按体积重计费"},
    {"food", 80, {"食品", "农产品", "饮品"}, "general", "保温箱+冰袋", "冷链，当日达"},
    {"pharma", 50, {"医药", "药业", "生物医药"}, "fragile", "原厂包装不拆封", "签收回单作为付款凭证"},
    {"it_telecom", 50, {"信息技术", "通信设备", "网络科技"}, "electronics", "条码入库，原箱发运", "厢式车运输，签收需盖章"},
    {"advertising", 30, {"广告", "文化传媒", "会展服务"}, "cbd", "展品专用箱", "展会物品零延误"},
    {"other", 50, {"贸易", "实业", "物资"}, "general", "标准纸箱", "无特殊要求"},
}};

constexpr std::array<sv, 24> kRoadWords = {
    "人民", "建设", "解放", "中山", "和平", "新华", "科技园", "工业", "文化", "长江", "黄河", "学府",
    "东风", "胜利", "青年", "友谊", "光明", "朝阳", "滨河", "迎宾", "创业", "高新", "金融", "湖滨",
};
constexpr std::array<Weighted<sv>, 4> kRoadSuffixes = {{{"路", 6}, {"大道", 2}, {"街", 2}, {"大街", 1}}};

constexpr std::array<sv, 6> kTeamRegions = {"华南", "华东", "华北", "华中", "西南", "西北"};

constexpr std::array<sv, 4> kDecisionTitles = {"总经理", "董事长", "物流总监", "采购总监"};
constexpr std::array<sv, 3> kAssistantTitles = {"总经理助理", "董事长秘书", "行政助理"};
constexpr std::array<sv, 3> kOperationsTitles = {"物流主管", "仓储经理", "发货专员"};
constexpr std::array<sv, 3> kFinanceTitles = {"财务经理", "会计", "出纳"};

constexpr std::array<sv, 4> kPickupWindows = {"09:00-11:00", "10:00-12:00", "14:00-17:00", "16:00-18:00"};
constexpr std::array<Weighted<sv>, 5> kChannels = {
    {{"phone", 40}, {"wechat", 30}, {"email", 12}, {"sms", 8}, {"portal", 10}}};
constexpr std::array<sv, 6> kUsual = {
    "每周一、三、五固定揽收", "月结，次月10日对账", "大促期间提前一天预约车辆", "到付件需提前电话确认",
    "仓库周日不收货", "回单原件寄回财务部",
};
constexpr std::array<sv, 6> kTags = {"VIP", "月结", "代收货款", "冷链", "大客户", "电商平台"};

constexpr std::array<sv, 3> kMobilePrefixes3 = {"13", "15", "18"};

std::string MobilePhone(Random& random) {
  // 1[3-9]X plus eight digits; the second digit weighted to the common 13x/15x/18x ranges.
  std::string phone(random.Percent(80) ? random.Pick(kMobilePrefixes3) : sv("17"));
  phone += static_cast<char>('0' + random.Below(10));
  phone += fmt::format("{:08d}", random.Below(100'000'000));
  return phone;
}

std::string GivenName(Random& random) {
  std::string given(random.Pick(kGivenChars));
  if (random.Percent(70)) given += random.Pick(kGivenChars);
  return given;
}

std::string PersonNameFrom(Random& random) {
  return std::string(PickWeighted(random, kSurnames)) + GivenName(random);
}

// Cumulative weights over Cities(): bigger cities (more districts) and provincial capitals (the
// first city of a province, code xx01) hold more customers.
const std::vector<uint64_t>& CityWeights() {
  static const std::vector<uint64_t> weights = [] {
    std::vector<uint64_t> cumulative;
    uint64_t total = 0;
    const auto cities = Cities();
    for (const City& city : cities) {
      uint64_t weight = std::max<uint32_t>(1, city.district_count);
      const Province& province = Provinces()[city.province];
      if (province.municipality || city.code.ends_with("01")) weight *= 4;
      total += weight;
      cumulative.push_back(total);
    }
    return cumulative;
  }();
  return weights;
}

const City& PickCity(Random& random) {
  const auto& weights = CityWeights();
  const uint64_t roll = random.Below(weights.back());
  const auto it = std::upper_bound(weights.begin(), weights.end(), roll);
  return Cities()[static_cast<std::size_t>(it - weights.begin())];
}

// The short form of a city for a company name: 深圳市 → 深圳; autonomous prefectures keep their name.
std::string_view ShortCity(std::string_view city) {
  if (city.ends_with("市") && city.size() > 6) return city.substr(0, city.size() - 3);
  return city;
}

DemoAddress Address(Random& random, const City& city, std::string kind, bool is_default) {
  DemoAddress address;
  address.kind = std::move(kind);
  address.province = std::string(Provinces()[city.province].name);
  address.city = std::string(city.name);
  if (city.district_count > 0) {
    const District& district = Districts()[city.first_district + random.Below(city.district_count)];
    address.district = std::string(district.name);
    address.division_code = std::string(district.code);
  } else {
    address.division_code = std::string(city.code) + "00";
  }
  address.street = fmt::format("{}{}{}号", random.Pick(kRoadWords), PickWeighted(random, kRoadSuffixes),
                               1 + random.Below(999));
  if (random.Percent(70)) address.street += fmt::format("{}栋{}室", 1 + random.Below(30), 101 + random.Below(2500));
  address.is_default = is_default;
  return address;
}

// Value drives the rest of the classification, as in DOMAIN.md §1: A accounts are contractual or
// strategic, high-end, mature and loyal; C accounts are mostly transactional and mass-market.
DemoClassification Classify(Random& random, const Industry& industry) {
  DemoClassification c;
  const int roll = static_cast<int>(random.Below(100));
  c.value_class = roll < 20 ? "A" : roll < 50 ? "B" : "C";
  const bool a = c.value_class == "A";
  const bool b = c.value_class == "B";
  c.tier = a ? (random.Percent(85) ? "high_end" : "mid") : b ? (random.Percent(75) ? "mid" : "mass")
                                                             : (random.Percent(90) ? "mass" : "mid");
  c.relationship_type = a ? (random.Percent(30) ? "alliance" : "contractual")
                          : b ? (random.Percent(60) ? "contractual" : "transactional")
                              : (random.Percent(85) ? "transactional" : "contractual");
  c.relationship_depth = a ? (random.Percent(50) ? "strategic" : "long_term")
                           : b ? (random.Percent(70) ? "long_term" : "short_term")
                               : (random.Percent(80) ? "short_term" : "long_term");
  c.maturity = (!a && random.Percent(b ? 5 : 20)) ? "potential" : "actual";
  if (c.maturity == "potential") {
    c.lifecycle_stage = "potential";
    c.development_stage = "potential";
  } else {
    constexpr std::array<Weighted<sv>, 4> kLifeA = {{{"growth", 20}, {"mature", 70}, {"decline", 8}, {"terminated", 2}}};
    constexpr std::array<Weighted<sv>, 4> kLifeOther = {{{"growth", 35}, {"mature", 40}, {"decline", 18}, {"terminated", 7}}};
    c.lifecycle_stage = std::string(PickWeighted(random, a ? kLifeA : kLifeOther));
    constexpr std::array<Weighted<sv>, 3> kDevA = {{{"new", 5}, {"satisfied", 30}, {"loyal", 65}}};
    constexpr std::array<Weighted<sv>, 3> kDevOther = {{{"new", 35}, {"satisfied", 45}, {"loyal", 20}}};
    c.development_stage = std::string(PickWeighted(random, a ? kDevA : kDevOther));
  }
  constexpr std::array<Weighted<sv>, 4> kMarketing = {
      {{"economy", 45}, {"convenience", 30}, {"personalized", 15}, {"ethical", 10}}};
  c.marketing_type = a && random.Percent(40) ? "personalized" : std::string(PickWeighted(random, kMarketing));
  c.market = std::string(industry.market);
  // Accounts in a central business district are served as CBD customers whatever their trade.
  if (random.Percent(8)) c.market = "cbd";
  return c;
}

const Industry& PickIndustry(Random& random) {
  int roll = static_cast<int>(random.Below(1000));
  for (const Industry& industry : kIndustries) {
    if (roll < industry.weight) return industry;
    roll -= industry.weight;
  }
  return kIndustries.back();
}

std::string Birthday(Random& random, int from_year, int to_year) {
  return fmt::format("{:04d}-{:02d}-{:02d}", from_year + random.Below(to_year - from_year + 1),
                     1 + random.Below(12), 1 + random.Below(28));
}

}  // namespace

std::string PersonName(uint64_t random_value) {
  Random random(random_value);
  return PersonNameFrom(random);
}

DemoCompany::DemoCompany(uint64_t seed, int64_t customers) : seed_(seed) {
  Random random(seed ^ 0x7EA45EEDULL);
  for (sv region : kTeamRegions) teams_.push_back({std::string(region) + "销售部"});
  teams_.push_back({"大客户部"});
  const int64_t owners = std::clamp<int64_t>(customers / 2000, 6, 300);
  for (int64_t k = 1; k <= owners; ++k) {
    sales_.push_back({fmt::format("sales.{:03d}", k), PersonNameFrom(random),
                      static_cast<std::size_t>((k - 1) % teams_.size())});
  }
}

DemoCustomer DemoCompany::Customer(int64_t n) const {
  Random random(seed_ * 0x100000001B3ULL + static_cast<uint64_t>(n));
  random.Next();
  DemoCustomer customer;
  customer.code = fmt::format("C{:07d}", n);
  const Industry& industry = PickIndustry(random);
  customer.industry = std::string(industry.code);
  customer.classification = Classify(random, industry);
  const City& city = PickCity(random);
  const bool individual = random.Percent(12);
  customer.kind = individual ? "individual" : "organization";

  DemoPreferences& preferences = customer.preferences;
  preferences.pickup_window = std::string(random.Pick(kPickupWindows));
  preferences.packaging = std::string(industry.packaging);
  preferences.handling = std::string(industry.handling);
  preferences.preferred_channel = std::string(PickWeighted(random, kChannels));
  if (random.Percent(60)) preferences.usual = std::string(random.Pick(kUsual));

  const std::string domain = fmt::format("c{:07d}.example.cn", n);
  if (individual) {
    customer.name = PersonNameFrom(random);
    customer.industry = random.Percent(70) ? "ecommerce" : "other";  // online sellers, mostly
    customer.classification.market = "general";
    preferences.birthday = Birthday(random, 1965, 2000);
    customer.contacts.push_back({customer.name, "decision_maker", "店主", MobilePhone(random),
                                 random.Percent(40) ? "owner@" + domain : "", true});
  } else {
    customer.name = fmt::format("{}{}{}{}", ShortCity(city.name), random.Pick(kTradeNames),
                                random.Pick(industry.words), random.Percent(12) ? "股份有限公司" : "有限公司");
    customer.contacts.push_back({PersonNameFrom(random), "decision_maker", std::string(random.Pick(kDecisionTitles)),
                                 MobilePhone(random), "ceo@" + domain, true});
    if (random.Percent(60)) preferences.birthday = Birthday(random, 1960, 1990);  // the decision maker's
    customer.contacts.push_back({PersonNameFrom(random), "assistant", std::string(random.Pick(kAssistantTitles)),
                                 MobilePhone(random), "assistant@" + domain, false});
    customer.contacts.push_back({PersonNameFrom(random), "operations", std::string(random.Pick(kOperationsTitles)),
                                 MobilePhone(random), random.Percent(50) ? "ops@" + domain : "", false});
    if (customer.classification.value_class != "C" || random.Percent(30)) {
      customer.contacts.push_back({PersonNameFrom(random), "finance", std::string(random.Pick(kFinanceTitles)),
                                   MobilePhone(random), "finance@" + domain, false});
    }
  }
  customer.addresses.push_back(Address(random, city, "pickup", true));
  if (!individual && random.Percent(40)) customer.addresses.push_back(Address(random, city, "billing", false));

  if (customer.classification.value_class == "A") customer.tags.push_back("VIP");
  if (customer.classification.relationship_type != "transactional") customer.tags.push_back("月结");
  if (customer.industry == "ecommerce" && random.Percent(50)) customer.tags.push_back("代收货款");
  if (customer.industry == "food" && random.Percent(60)) customer.tags.push_back("冷链");
  if (random.Percent(5)) customer.tags.push_back(std::string(random.Pick(kTags)));
  std::sort(customer.tags.begin(), customer.tags.end());
  customer.tags.erase(std::unique(customer.tags.begin(), customer.tags.end()), customer.tags.end());

  customer.owner = static_cast<std::size_t>(random.Below(sales_.size()));
  customer.age_days = static_cast<int64_t>(random.Below(731));
  return customer;
}

}  // namespace consign::demo
