#pragma once
// Serves the built console (web/dist) at "/": the file when it exists, else index.html so that the
// console's client-side routes (/customers/12) load the app. Never anything under /api/, never a
// path that escapes the root. /assets/* (content-hashed by Vite) is cached forever; index.html is
// revalidated on every load so a deploy shows at once.
//
// Thread safety: const after construction; Serve() may run on many threads.
#include <filesystem>
#include <optional>
#include <string_view>

#include "platform/http/message.hpp"

namespace consign::http {

class StaticFiles {
 public:
  // `root` may not exist (a server built without the console): Serve() then answers nothing.
  explicit StaticFiles(std::filesystem::path root);

  // A response for a GET/HEAD of the console, or nullopt when the request is not for it (another
  // method, a path under /api/, or no console built) so the caller answers 404/405.
  std::optional<Response> Serve(const Request& request) const;

  // "text/css; charset=utf-8" for "x.css"; application/octet-stream for unknown extensions.
  static std::string_view ContentType(std::string_view extension);

 private:
  std::optional<Response> FileResponse(const std::filesystem::path& file, bool immutable) const;

  std::filesystem::path root_;  // canonical, or empty when absent
};

}  // namespace consign::http
