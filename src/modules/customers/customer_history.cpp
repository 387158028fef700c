#include "modules/customers/customer_history.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <array>

namespace consign::customers {

namespace json = boost::json;

namespace {

constexpr std::array<std::string_view, 4> kBookkeeping = {"version", "created_at", "updated_at", "masked"};

bool IsBookkeeping(std::string_view key) {
  return std::find(kBookkeeping.begin(), kBookkeeping.end(), key) != kBookkeeping.end();
}

std::string Join(const std::string& path, std::string_view key) {
  return path.empty() ? std::string(key) : path + "." + std::string(key);
}

// A list whose items are all objects with an "id": contacts, addresses.
bool IsListOfItems(const json::array& a) {
  return std::all_of(a.begin(), a.end(), [](const json::value& v) { return v.is_object() && v.as_object().contains("id"); });
}

bool IsListOfScalars(const json::array& a) {
  return std::all_of(a.begin(), a.end(), [](const json::value& v) { return !v.is_object() && !v.is_array(); });
}

std::string Text(const json::object& o, std::string_view key) {
  const json::value* v = o.if_contains(key);
  return v && v->is_string() ? std::string(v->as_string()) : std::string();
}

// What names an item to a reader: a contact's name, an address's place.
std::string ItemLabel(const json::object& item) {
  if (std::string name = Text(item, "name"); !name.empty()) return name;
  std::string place;
  for (std::string_view key : {"province", "city", "district"}) place += Text(item, key);
  return place;
}

const json::object* FindItem(const json::array& a, const json::value& id) {
  for (const json::value& v : a)
    if (v.as_object().at("id") == id) return &v.as_object();
  return nullptr;
}

std::string ItemPath(const std::string& path, const json::value& id) {
  return path + "[id=" + json::serialize(id) + "]";
}

void Diff(const json::value& before, const json::value& after, const std::string& path, const std::string& item,
          std::vector<FieldChange>& out);

void DiffObjects(const json::object& before, const json::object& after, const std::string& path,
                 const std::string& item, std::vector<FieldChange>& out) {
  static const json::value kNull;
  for (const auto& [key, value] : after) {
    if (path.empty() && IsBookkeeping(key)) continue;
    const json::value* old = before.if_contains(key);
    Diff(old ? *old : kNull, value, Join(path, key), item, out);
  }
  for (const auto& [key, value] : before) {
    if (path.empty() && IsBookkeeping(key)) continue;
    if (!after.contains(key)) Diff(value, kNull, Join(path, key), item, out);
  }
}

void DiffItems(const json::array& before, const json::array& after, const std::string& path,
               std::vector<FieldChange>& out) {
  for (const json::value& v : after) {
    const json::object& now = v.as_object();
    const json::value& id = now.at("id");
    if (const json::object* was = FindItem(before, id))
      DiffObjects(*was, now, ItemPath(path, id), ItemLabel(now), out);
    else
      out.push_back({ItemPath(path, id), "added", nullptr, v, ItemLabel(now)});
  }
  for (const json::value& v : before) {
    const json::object& was = v.as_object();
    if (!FindItem(after, was.at("id"))) out.push_back({ItemPath(path, was.at("id")), "removed", v, nullptr, ItemLabel(was)});
  }
}

void DiffScalars(const json::array& before, const json::array& after, const std::string& path,
                 std::vector<FieldChange>& out) {
  for (const json::value& v : after)
    if (std::find(before.begin(), before.end(), v) == before.end()) out.push_back({path, "added", nullptr, v, ""});
  for (const json::value& v : before)
    if (std::find(after.begin(), after.end(), v) == after.end()) out.push_back({path, "removed", v, nullptr, ""});
}

void Diff(const json::value& before, const json::value& after, const std::string& path, const std::string& item,
          std::vector<FieldChange>& out) {
  if (before == after) return;
  if (before.is_object() && after.is_object()) return DiffObjects(before.as_object(), after.as_object(), path, item, out);
  // A list that was empty or absent compares as an empty list, so its first item reads "added".
  static const json::array kEmpty;
  const json::array* was = before.is_array() ? &before.as_array() : before.is_null() ? &kEmpty : nullptr;
  const json::array* now = after.is_array() ? &after.as_array() : after.is_null() ? &kEmpty : nullptr;
  if (was && now && (before.is_array() || after.is_array())) {
    if (IsListOfItems(*was) && IsListOfItems(*now)) return DiffItems(*was, *now, path, out);
    if (IsListOfScalars(*was) && IsListOfScalars(*now)) return DiffScalars(*was, *now, path, out);
  }
  out.push_back({path, "changed", before, after, item});
}

}  // namespace

std::vector<FieldChange> DiffSnapshots(const json::value& before, const json::value& after) {
  std::vector<FieldChange> out;
  if (before.is_object() && after.is_object()) DiffObjects(before.as_object(), after.as_object(), "", "", out);
  return out;
}

}  // namespace consign::customers
