#include "modules/customers/customer_history.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <array>
#include <optional>

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

const json::value* FindItem(const json::array& a, const json::value& id) {
  for (const json::value& v : a)
    if (v.as_object().at("id") == id) return &v;
  return nullptr;
}

std::string ItemPath(const std::string& path, const json::value& id) {
  return path + "[id=" + json::serialize(id) + "]";
}

// A value as stored (compared) and as shown (masked; the same shape, ids and order).
struct Pair {
  const json::value& stored;
  const json::value& shown;
};
const json::value kNull;

void Diff(Pair before, Pair after, const std::string& path, const std::string& item, std::vector<FieldChange>& out);

// The member `key` of both sides, or null.
Pair Member(Pair object, std::string_view key) {
  const json::value* stored = object.stored.as_object().if_contains(key);
  const json::value* shown = object.shown.is_object() ? object.shown.as_object().if_contains(key) : nullptr;
  return {stored ? *stored : kNull, shown ? *shown : kNull};
}

void DiffObjects(Pair before, Pair after, const std::string& path, const std::string& item,
                 std::vector<FieldChange>& out) {
  for (const auto& [key, value] : after.stored.as_object()) {
    if (path.empty() && IsBookkeeping(key)) continue;
    Diff(Member(before, key), Member(after, key), Join(path, key), item, out);
  }
  for (const auto& [key, value] : before.stored.as_object()) {
    if (path.empty() && IsBookkeeping(key)) continue;
    if (!after.stored.as_object().contains(key)) Diff(Member(before, key), {kNull, kNull}, Join(path, key), item, out);
  }
}

// The item with `id` on both sides of a list, or nullopt.
std::optional<Pair> Find(const json::array& stored, const json::value& shown, const json::value& id) {
  const json::value* s = FindItem(stored, id);
  if (!s) return std::nullopt;
  const json::value* m = shown.is_array() ? FindItem(shown.as_array(), id) : nullptr;
  return Pair{*s, m ? *m : *s};
}

void DiffItems(const json::array& before, const json::value& before_shown, const json::array& after,
               const json::value& after_shown, const std::string& path, std::vector<FieldChange>& out) {
  for (const json::value& v : after) {
    const json::value& id = v.as_object().at("id");
    const Pair now = *Find(after, after_shown, id);
    const std::string label = now.shown.is_object() ? ItemLabel(now.shown.as_object()) : "";
    if (std::optional<Pair> was = Find(before, before_shown, id))
      DiffObjects(*was, now, ItemPath(path, id), label, out);
    else
      out.push_back({ItemPath(path, id), "added", nullptr, now.shown, label});
  }
  for (const json::value& v : before) {
    const json::value& id = v.as_object().at("id");
    if (FindItem(after, id)) continue;
    const Pair was = *Find(before, before_shown, id);
    out.push_back({ItemPath(path, id), "removed", was.shown, nullptr,
                   was.shown.is_object() ? ItemLabel(was.shown.as_object()) : ""});
  }
}

void DiffScalars(const json::array& before, const json::array& after, const std::string& path,
                 std::vector<FieldChange>& out) {
  for (const json::value& v : after)
    if (std::find(before.begin(), before.end(), v) == before.end()) out.push_back({path, "added", nullptr, v, ""});
  for (const json::value& v : before)
    if (std::find(after.begin(), after.end(), v) == after.end()) out.push_back({path, "removed", v, nullptr, ""});
}

void Diff(Pair before, Pair after, const std::string& path, const std::string& item, std::vector<FieldChange>& out) {
  if (before.stored == after.stored) return;
  if (before.stored.is_object() && after.stored.is_object()) return DiffObjects(before, after, path, item, out);
  // A list that was empty or absent compares as an empty list, so its first item reads "added".
  static const json::array kEmpty;
  const json::value& b = before.stored;
  const json::value& a = after.stored;
  const json::array* was = b.is_array() ? &b.as_array() : b.is_null() ? &kEmpty : nullptr;
  const json::array* now = a.is_array() ? &a.as_array() : a.is_null() ? &kEmpty : nullptr;
  if (was && now && (b.is_array() || a.is_array())) {
    if (IsListOfItems(*was) && IsListOfItems(*now)) return DiffItems(*was, before.shown, *now, after.shown, path, out);
    // Tags are not personal data: shown as stored.
    if (IsListOfScalars(*was) && IsListOfScalars(*now)) return DiffScalars(*was, *now, path, out);
  }
  out.push_back({path, "changed", before.shown, after.shown, item});
}

}  // namespace

std::vector<FieldChange> DiffSnapshots(const json::value& before, const json::value& after) {
  return DiffSnapshots(before, after, before, after);
}

std::vector<FieldChange> DiffSnapshots(const json::value& before, const json::value& after,
                                       const json::value& before_shown, const json::value& after_shown) {
  std::vector<FieldChange> out;
  if (before.is_object() && after.is_object())
    DiffObjects({before, before_shown}, {after, after_shown}, "", "", out);
  return out;
}

}  // namespace consign::customers
