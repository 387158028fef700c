// PATCH and DELETE /api/v1/customers/{id}/brand, GET /api/v1/brand-logos/{sha256}: parse, call
// brand_service, answer. The logo travels as a data URL in the JSON body
// ("data:image/png;base64,…"): one request sets colour and logo together, and the browser makes one
// from a file with FileReader.readAsDataURL.
#include <boost/json.hpp>
#include <sodium.h>

#include "modules/customers/access.hpp"
#include "modules/customers/brand_service.hpp"
#include "modules/customers/customers_http.hpp"
#include "platform/http/handler.hpp"
#include "platform/http/json.hpp"

namespace consign::customers {

namespace json = boost::json;

json::value BrandJson(const std::optional<StoredBrand>& b) {
  if (!b) return nullptr;
  auto opt = [](const std::optional<std::string>& v) { return v ? json::value(*v) : json::value(nullptr); };
  return json::object{{"primary_color", opt(b->primary_color)},
                      {"logo_url", b->logo_sha256 ? json::value(LogoUrl(*b->logo_sha256)) : json::value(nullptr)},
                      {"logo_type", opt(b->logo_type)},
                      {"logo_bytes", b->logo_sha256 ? json::value(b->logo_bytes) : json::value(nullptr)},
                      {"updated_at", FormatRfc3339(b->updated_at)}};
}

namespace {

using http::Fail;

// "data:<media type>[;base64],<data>" → the declared type and the bytes. A data URL without ;base64
// carries text (an SVG written out): its text is the bytes, which CheckLogo then refuses by type.
// Errors name "logo": invalid_format for anything that is not a data URL or not valid base64,
// too_large (before decoding) for more base64 than kMaxLogoBytes can need.
Result<LogoUpload> ParseDataUrl(std::string_view url) {
  auto invalid = [] {
    return InvalidField("logo", "invalid_format", "logo is a data URL: data:image/png;base64,… (or image/jpeg)");
  };
  if (!url.starts_with("data:")) return invalid();
  const size_t comma = url.find(',');
  if (comma == std::string_view::npos) return invalid();
  std::string_view header = url.substr(5, comma - 5);
  const std::string_view data = url.substr(comma + 1);
  const bool base64 = header.ends_with(";base64");
  if (base64) header.remove_suffix(7);
  LogoUpload upload;
  upload.declared_type = std::string(header.substr(0, header.find(';')));
  if (!base64) {
    upload.bytes = std::string(data);
    return upload;
  }
  if (data.size() > (kMaxLogoBytes + 2) / 3 * 4 + 4)
    return InvalidField("logo", "too_large", "the logo is larger than 200 KB; at most 200 KB is accepted");
  upload.bytes.assign(data.size() / 4 * 3 + 3, '\0');
  size_t length = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(upload.bytes.data()), upload.bytes.size(), data.data(),
                        data.size(), " \r\n", &length, nullptr, sodium_base64_VARIANT_ORIGINAL) != 0)
    return invalid();
  upload.bytes.resize(length);
  return upload;
}

http::Response PatchBrandHandler(const http::Request& request, http::Context& ctx) {
  auto id = http::ParsePositiveInt(request.PathParam("id"));
  if (!id) return Fail(NotFound("Customer"), request, ctx);
  auto body = http::ParseJsonBody(request);
  if (!body) return Fail(body.error(), request, ctx);
  http::JsonFields form(*body);
  BrandChange change;
  if (form.IsPresent("primary_color")) change.primary_color = form.OptString("primary_color", 20);
  if (form.IsPresent("logo")) {
    // A data URL is long: its size is judged by ParseDataUrl (too_large), not as text (too_long).
    if (std::optional<std::string> url = form.OptString("logo", 64 * 1024 * 1024); !url) {
      change.logo.emplace(std::nullopt);
    } else if (auto upload = ParseDataUrl(*url); upload) {
      change.logo.emplace(*std::move(upload));
    } else {
      form.Merge(upload.error());
    }
  }
  if (Status s = form.Finish(); !s) return Fail(s.error(), request, ctx);
  auto brand = ChangeBrand(ctx, *id, std::move(change));
  if (!brand) return Fail(brand.error(), request, ctx);
  return http::JsonResponse(200, json::object{{"brand", BrandJson(*brand)}});
}

http::Response DeleteBrandHandler(const http::Request& request, http::Context& ctx) {
  auto id = http::ParsePositiveInt(request.PathParam("id"));
  if (!id) return Fail(NotFound("Customer"), request, ctx);
  if (Status s = ClearBrand(ctx, *id); !s) return Fail(s.error(), request, ctx);
  return http::Response::NoContent();
}

http::Response LogoHandler(const http::Request& request, http::Context& ctx) {
  std::optional<LogoImage> logo = LogoByName(ctx.tx(), request.PathParam("sha256"));
  if (!logo) return Fail(NotFound("Logo"), request, ctx);
  http::Response r = http::Response::Text(200, std::move(logo->bytes), logo->media_type);
  // Named by its content: the same name is always the same image.
  r.Set("Cache-Control", "public, max-age=31536000, immutable");
  return r;
}

}  // namespace

void RegisterBrandRoutes(http::Router& router) {
  // A large body: a 200 KB image is ~270 KB as base64, beyond the forms' limit.
  router.Add(http::Method::kPatch, "/api/v1/customers/{id}/brand", http::Requires(kUpdate), PatchBrandHandler,
             http::BodySize::kLarge);
  router.Delete("/api/v1/customers/{id}/brand", http::Requires(kUpdate), DeleteBrandHandler);
  // No login: the public tracking page shows it. Cacheable by anyone (GetShared): it is public.
  router.GetShared("/api/v1/brand-logos/{sha256}", http::Public(), LogoHandler);
}

}  // namespace consign::customers
