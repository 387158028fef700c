#include "modules/customers/customer_json.hpp"

#include <algorithm>
#include <boost/json.hpp>

#include "platform/http/json.hpp"
#include "platform/http/json_writer.hpp"

namespace consign::customers {

namespace json = boost::json;

namespace {

json::value OrNull(const std::string& s) { return s.empty() ? json::value(nullptr) : json::value(s); }
template <class T>
json::value OrNull(const std::optional<T>& v) {
  return v ? json::value(*v) : json::value(nullptr);
}

json::object ClassificationJson(const Classification& c) {
  json::object o;
  for (size_t i = 0; i < c.size(); ++i) o[kClassificationKeys[i].name] = OrNull(c[i]);
  return o;
}

json::object ContactJson(const Contact& k) {
  return json::object{{"id", k.id.value()}, {"name", k.name},   {"role", k.role},        {"title", k.title},
                      {"phone", k.phone},    {"email", k.email}, {"is_primary", k.is_primary}};
}

json::object AddressJson(const Address& a) {
  return json::object{{"id", a.id.value()},         {"kind", a.kind},       {"province", a.province},
                      {"city", a.city},             {"district", a.district}, {"street", a.street},
                      {"postal_code", a.postal_code}, {"is_default", a.is_default}};
}

json::value OwnerJson(const std::optional<OwnerView>& owner, const std::optional<int64_t>& id) {
  if (owner) return json::object{{"id", owner->id}, {"login", owner->login}, {"name", owner->name}};
  if (id) return json::object{{"id", *id}, {"login", ""}, {"name", ""}};
  return nullptr;
}

std::string Str(const json::object& o, std::string_view key) {
  auto it = o.find(key);
  return it != o.end() && it->value().is_string() ? std::string(it->value().as_string()) : std::string();
}

// The fields a list row and the full record share.
json::object HeadJson(const Customer& c, const std::optional<OwnerView>& owner) {
  json::object o;
  o["id"] = c.id;
  o["code"] = c.code;
  o["credit_code"] = c.credit_code;
  o["name"] = c.name;
  o["kind"] = c.kind;
  o["industry"] = c.industry;
  o["classification"] = ClassificationJson(c.classification);
  o["owner"] = OwnerJson(owner, c.owner_user_id);
  o["team_id"] = OrNull(c.team_id);
  o["tags"] = TagsToJson(c.tags);
  return o;
}

// "contacts" and "addresses" of `c`, as both the staff's and the customer-facing shapes show them.
void AddContactsAndAddresses(json::object& o, const Customer& c) {
  json::array contacts;
  for (const Contact& k : c.contacts) contacts.push_back(ContactJson(k));
  o["contacts"] = std::move(contacts);
  json::array addresses;
  for (const Address& a : c.addresses) addresses.push_back(AddressJson(a));
  o["addresses"] = std::move(addresses);
}

json::object FullJson(const Customer& c, const std::optional<OwnerView>& owner) {
  json::object o = HeadJson(c, owner);
  o["preferences"] = PreferencesToJson(c.preferences);
  o["requirements"] = RequirementsToJson(c.requirements);
  AddContactsAndAddresses(o, c);
  o["status"] = StatusName(c.status);
  o["masked"] = c.masked;
  o["version"] = c.version;
  o["created_at"] = FormatRfc3339(c.created_at);
  o["updated_at"] = FormatRfc3339(c.updated_at);
  return o;
}

}  // namespace

json::array TagsToJson(const std::vector<std::string>& tags) {
  json::array a;
  for (const auto& t : tags) a.emplace_back(t);
  return a;
}

std::vector<std::string> TagsFromJson(const json::value& v) {
  std::vector<std::string> tags;
  if (const json::array* a = v.if_array())
    for (const json::value& t : *a)
      if (t.is_string()) tags.emplace_back(t.as_string());
  return tags;
}

json::object PreferencesToJson(const Preferences& p) {
  std::optional<int64_t> preferred_contact_id;
  if (p.preferred_contact_id) preferred_contact_id = p.preferred_contact_id->value();
  return json::object{{"pickup_window", p.pickup_window},
                      {"packaging", p.packaging},
                      {"handling", p.handling},
                      {"preferred_channel", OrNull(p.preferred_channel)},
                      {"preferred_contact_id", OrNull(preferred_contact_id)},
                      {"birthday", OrNull(p.birthday)},
                      {"anniversary", OrNull(p.anniversary)},
                      {"usual", p.usual}};
}

Preferences PreferencesFromJson(const json::value& v) {
  static const json::object kEmpty;
  const json::object& o = v.is_object() ? v.get_object() : kEmpty;
  Preferences p{Str(o, "pickup_window"), Str(o, "packaging"), Str(o, "handling"), Str(o, "preferred_channel"),
                Str(o, "birthday"),      Str(o, "anniversary"), Str(o, "usual"), std::nullopt};
  if (auto it = o.find("preferred_contact_id"); it != o.end() && it->value().is_int64())
    p.preferred_contact_id = ContactId{it->value().as_int64()};
  return p;
}

json::object RequirementsToJson(const Requirements& r) {
  json::object flags;
  for (const auto& [k, v] : r.flags) flags[k] = v;
  return json::object{{"template", OrNull(r.template_industry)}, {"notes", r.notes}, {"flags", std::move(flags)}};
}

Requirements RequirementsFromJson(const json::value& v) {
  static const json::object kEmpty;
  const json::object& o = v.is_object() ? v.get_object() : kEmpty;
  Requirements r{Str(o, "template"), Str(o, "notes"), {}};
  if (auto it = o.find("flags"); it != o.end() && it->value().is_object())
    for (const auto& kv : it->value().get_object())
      r.flags.emplace_back(std::string(kv.key()), kv.value().is_bool() && kv.value().get_bool());
  return r;
}

json::object ToJson(const Customer& c) { return FullJson(c, c.owner); }

namespace {

// FullJson(c, c.owner) written as text, member for member (ToJsonText's contract).
void WriteRequirements(http::JsonWriter& w, const Requirements& r) {
  w.BeginObject();
  w.Key("template");
  w.StringOrNull(r.template_industry);
  w.Key("notes");
  w.String(r.notes);
  // As a json::object takes them: a repeated flag keeps its first place and its last value.
  std::vector<std::pair<std::string_view, bool>> flags;
  flags.reserve(r.flags.size());
  for (const auto& [name, value] : r.flags) {
    auto same = std::ranges::find(flags, std::string_view(name), &std::pair<std::string_view, bool>::first);
    if (same != flags.end()) same->second = value;
    else flags.emplace_back(name, value);
  }
  w.Key("flags");
  w.BeginObject();
  for (const auto& [name, value] : flags) {
    w.Key(name);
    w.Bool(value);
  }
  w.EndObject();
  w.EndObject();
}

}  // namespace

std::string ToJsonText(const Customer& c) {
  http::JsonWriter w;
  w.BeginObject();
  w.Key("id");
  w.Int(c.id);
  w.Key("code");
  w.String(c.code);
  w.Key("credit_code");
  w.String(c.credit_code);
  w.Key("name");
  w.String(c.name);
  w.Key("kind");
  w.String(c.kind);
  w.Key("industry");
  w.String(c.industry);
  w.Key("classification");
  w.BeginObject();
  for (size_t i = 0; i < c.classification.size(); ++i) {
    w.Key(kClassificationKeys[i].name);
    w.StringOrNull(c.classification[i]);
  }
  w.EndObject();
  w.Key("owner");
  if (c.owner || c.owner_user_id) {
    w.BeginObject();
    w.Key("id");
    w.Int(c.owner ? c.owner->id : *c.owner_user_id);
    w.Key("login");
    w.String(c.owner ? std::string_view(c.owner->login) : std::string_view());
    w.Key("name");
    w.String(c.owner ? std::string_view(c.owner->name) : std::string_view());
    w.EndObject();
  } else {
    w.Null();
  }
  w.Key("team_id");
  w.IntOrNull(c.team_id);
  w.Key("tags");
  w.BeginArray();
  for (const std::string& tag : c.tags) w.String(tag);
  w.EndArray();

  const Preferences& p = c.preferences;
  w.Key("preferences");
  w.BeginObject();
  w.Key("pickup_window");
  w.String(p.pickup_window);
  w.Key("packaging");
  w.String(p.packaging);
  w.Key("handling");
  w.String(p.handling);
  w.Key("preferred_channel");
  w.StringOrNull(p.preferred_channel);
  w.Key("preferred_contact_id");
  w.IntOrNull(p.preferred_contact_id ? std::optional<int64_t>(p.preferred_contact_id->value()) : std::nullopt);
  w.Key("birthday");
  w.StringOrNull(p.birthday);
  w.Key("anniversary");
  w.StringOrNull(p.anniversary);
  w.Key("usual");
  w.String(p.usual);
  w.EndObject();
  w.Key("requirements");
  WriteRequirements(w, c.requirements);

  w.Key("contacts");
  w.BeginArray();
  for (const Contact& k : c.contacts) {
    w.BeginObject();
    w.Key("id");
    w.Int(k.id.value());
    w.Key("name");
    w.String(k.name);
    w.Key("role");
    w.String(k.role);
    w.Key("title");
    w.String(k.title);
    w.Key("phone");
    w.String(k.phone);
    w.Key("email");
    w.String(k.email);
    w.Key("is_primary");
    w.Bool(k.is_primary);
    w.EndObject();
  }
  w.EndArray();
  w.Key("addresses");
  w.BeginArray();
  for (const Address& a : c.addresses) {
    w.BeginObject();
    w.Key("id");
    w.Int(a.id.value());
    w.Key("kind");
    w.String(a.kind);
    w.Key("province");
    w.String(a.province);
    w.Key("city");
    w.String(a.city);
    w.Key("district");
    w.String(a.district);
    w.Key("street");
    w.String(a.street);
    w.Key("postal_code");
    w.String(a.postal_code);
    w.Key("is_default");
    w.Bool(a.is_default);
    w.EndObject();
  }
  w.EndArray();
  w.Key("status");
  w.String(StatusName(c.status));
  w.Key("masked");
  w.Bool(c.masked);
  w.Key("version");
  w.Int(c.version);
  w.Key("created_at");
  w.String(FormatRfc3339(c.created_at));
  w.Key("updated_at");
  w.String(FormatRfc3339(c.updated_at));
  w.EndObject();
  return std::move(w).Take();
}

json::object ToSummaryJson(const Customer& c) {
  json::object o = HeadJson(c, c.owner);
  o["status"] = StatusName(c.status);
  o["version"] = c.version;
  o["updated_at"] = FormatRfc3339(c.updated_at);
  o["city"] = c.addresses.empty() ? "" : c.addresses.front().city;
  o["province"] = c.addresses.empty() ? "" : c.addresses.front().province;
  if (c.contacts.empty()) o["primary_contact"] = nullptr;
  else o["primary_contact"] = json::object{{"name", c.contacts.front().name}, {"phone", c.contacts.front().phone}};
  o["masked"] = c.masked;
  return o;
}

namespace {

// The fields both customer-facing shapes share. Built up from nothing, field by field, so a field
// added to the staff shape is not shown to customers until someone decides it should be.
json::object CustomerFacingHead(const Customer& c) {
  json::object o;
  o["id"] = c.id;
  o["code"] = c.code;
  o["credit_code"] = c.credit_code;  // the customer's own registration, public by law
  o["name"] = c.name;
  o["kind"] = c.kind;
  o["industry"] = c.industry;
  o["masked"] = c.masked;
  return o;
}

}  // namespace

json::object ToCustomerFacingJson(const Customer& c) {
  json::object o = CustomerFacingHead(c);
  AddContactsAndAddresses(o, c);
  o["preferences"] = PreferencesToJson(c.preferences);
  json::object flags;
  for (const auto& [name, value] : c.requirements.flags)
    if (IsTemplateFlag(name)) flags[name] = value;
  o["requirements"] = json::object{{"flags", std::move(flags)}};
  o["created_at"] = FormatRfc3339(c.created_at);
  return o;
}

json::object ToCustomerFacingSummaryJson(const Customer& c) {
  json::object o = CustomerFacingHead(c);
  o["city"] = c.addresses.empty() ? "" : c.addresses.front().city;
  o["province"] = c.addresses.empty() ? "" : c.addresses.front().province;
  if (c.contacts.empty()) o["primary_contact"] = nullptr;
  else o["primary_contact"] = json::object{{"name", c.contacts.front().name}, {"phone", c.contacts.front().phone}};
  return o;
}

std::string AuditJson(const Customer& c) { return json::serialize(FullJson(c, std::nullopt)); }

namespace {

void ApplyContacts(http::JsonFields& f, const json::array& items, std::vector<Contact>& out) {
  out.clear();
  for (size_t i = 0; i < items.size(); ++i) {
    const std::string at = http::FieldPath("contacts", i);
    if (!items[i].is_object()) {
      f.Add(at, "invalid_type", "a contact must be an object");
      continue;
    }
    http::JsonFields k(items[i].as_object(), at);
    Contact c;
    c.id = ContactId{k.OptInt("id", 0).value_or(0)};
    c.name = k.String("name", 50);
    c.role = k.OptEnum("role", kContactRoles).value_or("other");
    c.title = k.OptString("title", 50).value_or("");
    c.phone = k.OptString("phone", 40).value_or("");
    c.email = k.OptString("email", 120).value_or("");
    c.is_primary = k.OptBool("is_primary").value_or(false);
    if (Status s = k.Finish(); !s) f.Merge(s.error());
    out.push_back(std::move(c));
  }
}

void ApplyAddresses(http::JsonFields& f, const json::array& items, std::vector<Address>& out) {
  out.clear();
  for (size_t i = 0; i < items.size(); ++i) {
    const std::string at = http::FieldPath("addresses", i);
    if (!items[i].is_object()) {
      f.Add(at, "invalid_type", "an address must be an object");
      continue;
    }
    http::JsonFields k(items[i].as_object(), at);
    Address a;
    a.id = AddressId{k.OptInt("id", 0).value_or(0)};
    a.kind = k.OptEnum("kind", kAddressKinds).value_or("pickup");
    a.province = k.OptString("province", 30).value_or("");
    a.city = k.OptString("city", 30).value_or("");
    a.district = k.OptString("district", 30).value_or("");
    a.street = k.OptString("street", 200).value_or("");
    a.postal_code = k.OptString("postal_code", 6).value_or("");
    a.is_default = k.OptBool("is_default").value_or(false);
    if (Status s = k.Finish(); !s) f.Merge(s.error());
    out.push_back(std::move(a));
  }
}

// A string key of a merged object: absent leaves `into` alone, null clears it.
void MergeString(http::JsonFields& f, std::string_view key, size_t max, std::string& into) {
  if (!f.IsPresent(key)) return;
  into = f.OptString(key, max).value_or("");
}
// The same for notes, which may hold line breaks.
void MergeMultiline(http::JsonFields& f, std::string_view key, size_t max, std::string& into) {
  if (!f.IsPresent(key)) return;
  into = f.OptMultilineString(key, max).value_or("");
}

}  // namespace

Status ApplyJson(const json::object& body, Customer& c, bool is_create) {
  http::JsonFields f(body);
  if (is_create) c.name = f.String("name", kMaxNameChars);
  else if (f.IsPresent("name")) c.name = f.String("name", kMaxNameChars);
  MergeString(f, "code", kMaxCodeChars, c.code);
  MergeString(f, "credit_code", 18, c.credit_code);
  if (auto kind = f.OptEnum("kind", kKinds)) c.kind = *kind;
  if (auto industry = f.OptEnum("industry", kIndustries)) c.industry = *industry;
  if (const json::object* cls = f.OptObject("classification")) {
    http::JsonFields k(*cls, "classification");
    for (size_t i = 0; i < kClassificationKeys.size(); ++i) {
      if (!k.IsPresent(kClassificationKeys[i].name)) continue;
      c.classification[i] = k.OptEnum(kClassificationKeys[i].name, kClassificationKeys[i].values).value_or("");
    }
    if (Status s = k.Finish(); !s) f.Merge(s.error());
  }
  if (f.IsPresent("owner_id")) c.owner_user_id = f.OptInt("owner_id", 1);
  if (f.IsPresent("team_id")) c.team_id = f.OptInt("team_id", 1);
  if (f.IsPresent("tags")) c.tags = f.StringArray("tags", kMaxTags, 30);
  if (const json::object* prefs = f.OptObject("preferences")) {
    http::JsonFields k(*prefs, "preferences");
    Preferences& p = c.preferences;
    MergeString(k, "pickup_window", 50, p.pickup_window);
    MergeString(k, "packaging", 200, p.packaging);
    MergeString(k, "handling", 200, p.handling);
    MergeMultiline(k, "usual", 1000, p.usual);
    MergeString(k, "birthday", 10, p.birthday);
    MergeString(k, "anniversary", 10, p.anniversary);
    if (k.IsPresent("preferred_channel")) p.preferred_channel = k.OptEnum("preferred_channel", kChannels).value_or("");
    if (k.IsPresent("preferred_contact_id")) {
      p.preferred_contact_id.reset();
      if (auto id = k.OptInt("preferred_contact_id", 1)) p.preferred_contact_id = ContactId{*id};
    }
    if (Status s = k.Finish(); !s) f.Merge(s.error());
  }
  if (const json::object* reqs = f.OptObject("requirements")) {
    http::JsonFields k(*reqs, "requirements");
    MergeMultiline(k, "notes", kMaxNotesChars, c.requirements.notes);
    if (const json::object* flags = k.OptObject("flags"); flags && flags->size() > kMaxRequirementFlags) {
      k.Add("flags", "too_long", "at most " + std::to_string(kMaxRequirementFlags) + " flags");
    } else if (flags) {
      // Names are free (an industry template's, or the account's own); Validate caps their count,
      // length and characters on the merged list.
      for (const auto& kv : *flags) {
        if (!kv.value().is_bool()) {
          k.Add(http::FieldPath("requirements.flags", kv.key()), "invalid_type", "a flag is true or false");
          continue;
        }
        bool found = false;
        for (auto& [name, value] : c.requirements.flags)
          if (name == kv.key()) value = kv.value().as_bool(), found = true;
        if (!found) c.requirements.flags.emplace_back(std::string(kv.key()), kv.value().as_bool());
      }
    }
    if (Status s = k.Finish(); !s) f.Merge(s.error());
  }
  if (const json::array* contacts = f.OptArray("contacts")) ApplyContacts(f, *contacts, c.contacts);
  if (const json::array* addresses = f.OptArray("addresses")) ApplyAddresses(f, *addresses, c.addresses);
  return std::move(f).Finish();
}

}  // namespace consign::customers
