#include "platform/http/static_files.hpp"

#include <fstream>
#include <sstream>
#include <system_error>

namespace consign::http {

namespace fs = std::filesystem;

StaticFiles::StaticFiles(fs::path root) {
  std::error_code ec;
  fs::path canonical = fs::canonical(root, ec);
  if (!ec && fs::is_directory(canonical, ec)) root_ = std::move(canonical);
}

std::string_view StaticFiles::ContentType(std::string_view extension) {
  static constexpr std::pair<std::string_view, std::string_view> kTypes[] = {
      {".html", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".json", "application/json"},
      {".map", "application/json"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".jpg", "image/jpeg"},
      {".jpeg", "image/jpeg"},
      {".gif", "image/gif"},
      {".webp", "image/webp"},
      {".ico", "image/x-icon"},
      {".woff", "font/woff"},
      {".woff2", "font/woff2"},
      {".ttf", "font/ttf"},
      {".txt", "text/plain; charset=utf-8"},
      {".csv", "text/csv; charset=utf-8"},
      {".wasm", "application/wasm"},
  };
  for (const auto& [ext, type] : kTypes)
    if (ext == extension) return type;
  return "application/octet-stream";
}

namespace {

// True when every segment of the decoded path is an ordinary name: no "..", ".", backslash or NUL,
// so joining it to the root cannot climb out.
bool SafePath(std::string_view path) {
  if (path.empty() || path.front() != '/') return false;
  if (path.find('\0') != std::string_view::npos || path.find('\\') != std::string_view::npos) return false;
  size_t start = 1;
  while (start <= path.size()) {
    const size_t slash = path.find('/', start);
    const std::string_view segment = path.substr(start, slash == std::string_view::npos ? std::string_view::npos
                                                                                         : slash - start);
    if (segment == ".." || segment == ".") return false;
    if (slash == std::string_view::npos) break;
    start = slash + 1;
  }
  return true;
}

}  // namespace

std::optional<Response> StaticFiles::FileResponse(const fs::path& file, bool immutable) const {
  std::ifstream in(file, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream content;
  content << in.rdbuf();
  Response r = Response::Text(200, std::move(content).str(), std::string(ContentType(file.extension().string())));
  r.Set("Cache-Control", immutable ? "public, max-age=31536000, immutable" : "no-cache");
  return r;
}

std::optional<Response> StaticFiles::Serve(const Request& request) const {
  if (root_.empty()) return std::nullopt;
  if (request.method != Method::kGet && request.method != Method::kHead) return std::nullopt;
  const std::string_view path = request.path;
  if (path == "/api" || path.starts_with("/api/")) return std::nullopt;
  if (!SafePath(path)) return std::nullopt;

  const bool is_asset = path.starts_with("/assets/");
  if (path != "/") {
    const fs::path candidate = root_ / fs::path(path.substr(1));
    std::error_code ec;
    // Symlinks inside the root could still point out of it; compare the resolved path.
    const fs::path resolved = fs::canonical(candidate, ec);
    if (!ec && fs::is_regular_file(resolved, ec)) {
      const auto [root_end, unused] = std::mismatch(root_.begin(), root_.end(), resolved.begin(), resolved.end());
      if (root_end == root_.end()) return FileResponse(resolved, is_asset);
      return std::nullopt;
    }
    // A missing hashed asset is a stale page asking for an old build: 404, not the app's HTML.
    if (is_asset) return std::nullopt;
  }
  return FileResponse(root_ / "index.html", false);
}

}  // namespace consign::http
