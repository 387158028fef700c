#include "modules/contracts/contract_print.hpp"

#include <cstdio>

namespace consign::contracts {

std::string EscapeHtml(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string BasisPointsAsPercent(int basis_points) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%d.%02d%%", basis_points / 100, basis_points % 100);
  return buf;
}

namespace {

std::string Yuan(Money m) { return "¥" + FormatYuan(m); }

void Row(std::string& html, std::string_view label, std::string_view value) {
  html += "<tr><th>";
  html += EscapeHtml(label);
  html += "</th><td>";
  html += EscapeHtml(value);
  html += "</td></tr>\n";
}

std::string ChineseDate(Date d) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "%d年%u月%u日", static_cast<int>(d.year()), static_cast<unsigned>(d.month()),
                static_cast<unsigned>(d.day()));
  return buf;
}

}  // namespace

std::string RenderPrint(std::string_view number, std::string_view customer_name, int version, const Terms& t,
                        const std::map<std::string, std::string, std::less<>>& product_names) {
  std::string html =
      "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>物流服务合同 ";
  html += EscapeHtml(number);
  html +=
      "</title><style>body{font-family:'Noto Serif CJK SC',serif;max-width:800px;margin:2em auto}"
      "table{border-collapse:collapse;width:100%;margin:1em 0}th,td{border:1px solid #444;padding:4px 8px;"
      "text-align:left;vertical-align:top}th{width:30%;background:#f3f3f3}.sign{display:flex;gap:4em;margin-top:3em}"
      ".sign div{flex:1;line-height:2.5}@media print{body{margin:0}}</style></head><body>\n";
  html += "<h1>物流服务合同</h1>\n<p>合同编号：" + EscapeHtml(number) + "（第 " + std::to_string(version) + " 版）</p>\n";
  html += "<p>甲方（托运方）：" + EscapeHtml(customer_name) + "</p>\n<p>乙方（承运方）：Consign 物流</p>\n";

  html += "<h2>一、服务内容</h2>\n<table>\n";
  std::string services;
  for (const std::string& code : t.services) {
    const CatalogueService* s = FindService(code);
    if (!services.empty()) services += "、";
    services += s ? std::string(s->name_zh) : code;
  }
  Row(html, "服务项目", services);
  Row(html, "运价", t.rate_card_id ? "按协议价执行（运价表编号 " + std::to_string(*t.rate_card_id) + "）" : "按公布价执行");
  html += "</table>\n";

  if (!t.transit_promises.empty()) {
    html += "<h2>二、运输时效承诺</h2>\n<table>\n<tr><th>产品</th><th>区域</th><th>时效（小时）</th></tr>\n";
    for (const TransitPromise& p : t.transit_promises) {
      const auto name = product_names.find(p.product);
      const std::string_view product = name == product_names.end() ? std::string_view(p.product) : name->second;
      html += "<tr><td>" + EscapeHtml(product) + "</td><td>" + EscapeHtml(ZoneNameZh(p.zone)) + "</td><td>" +
              std::to_string(p.hours) + "</td></tr>\n";
    }
    html += "</table>\n";
  }

  html += "<h2>三、服务质量指标</h2>\n<table>\n";
  Row(html, "报表准时率 ≥", BasisPointsAsPercent(t.quality.reports_on_time_bp));
  Row(html, "准时交货率 ≥", BasisPointsAsPercent(t.quality.on_time_delivery_bp));
  Row(html, "无投诉率 ≥", BasisPointsAsPercent(t.quality.complaint_free_bp));
  Row(html, "货损率 ≤", BasisPointsAsPercent(t.quality.damage_max_bp));
  Row(html, "配送准确率 ≥", BasisPointsAsPercent(t.quality.delivery_accuracy_bp));
  Row(html, "库存准确率 ≥", BasisPointsAsPercent(t.quality.inventory_accuracy_bp));
  html += "</table>\n";

  html += "<h2>四、保价与赔偿</h2>\n<table>\n";
  Row(html, "保险条款", t.insurance_clause ? "乙方代办货物运输保险" : "无");
  Row(html, "单票最高保价", t.declared_value_limit.minor > 0 ? Yuan(t.declared_value_limit) : "不接受保价");
  Row(html, "单票最高赔偿", Yuan(t.compensation_cap));
  html += "</table>\n";

  html += "<h2>五、结算</h2>\n<table>\n";
  Row(html, "结算方式", BillingCycleNameZh(t.billing_cycle));
  Row(html, "账期", t.account_period_days > 0 ? std::to_string(t.account_period_days) + " 天" : "无账期");
  if (t.cod)
    Row(html, "代收货款",
        "手续费率 " + BasisPointsAsPercent(t.cod->fee_rate_bp) + "，最低 " + Yuan(t.cod->minimum_fee) + "，回款周期 T+" +
            std::to_string(t.cod->remittance_days));
  html += "</table>\n";

  html += "<h2>六、作业要求</h2>\n<table>\n";
  Row(html, "签收回单", t.signed_receipt ? "需要" : "不需要");
  Row(html, "包装要求", t.packaging.empty() ? "无特殊要求" : t.packaging);
  Row(html, "车辆要求", VehicleNameZh(t.vehicle));
  Row(html, "揽收频次", PickupFrequencyNameZh(t.pickup_frequency));
  html += "</table>\n";

  html += "<h2>七、合同期限</h2>\n<p>自 " + ChineseDate(t.start_date) + " 起至 " + ChineseDate(t.end_date) + " 止。" +
          (t.auto_renewal ? "期满双方无异议的，自动续期一个同等期限。" : "期满前双方协商续签。") + "</p>\n";

  if (!t.clauses.empty()) {
    html += "<h2>八、特别约定</h2>\n<ol>\n";
    for (const std::string& c : t.clauses) html += "<li>" + EscapeHtml(c) + "</li>\n";
    html += "</ol>\n";
  }

  html +=
      "<div class=\"sign\"><div>甲方（盖章）：<br>授权代表（签字）：<br>日期：</div>"
      "<div>乙方（盖章）：<br>授权代表（签字）：<br>日期：</div></div>\n</body></html>\n";
  return html;
}

}  // namespace consign::contracts
