// docs/openapi.yaml and the router must agree: every route the server has is documented with the
// permission it needs, and every documented route exists. Reads `consign routes` from the real binary.
#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <fstream>
#include <map>
#include <memory>
#include <regex>
#include <set>
#include <sstream>
#include <string>

namespace {

using RouteKey = std::pair<std::string, std::string>;  // {"GET", "/api/v1/customers/{id}"}

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// "GET /api/v1/customers customers.read" per line.
std::map<RouteKey, std::string> RouterRoutes() {
  std::map<RouteKey, std::string> routes;
  std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(CONSIGN_BINARY " routes", "r"), pclose);
  if (!pipe) return routes;
  std::array<char, 512> line{};
  while (fgets(line.data(), line.size(), pipe.get())) {
    std::istringstream in(line.data());
    std::string method, path, access;
    if (in >> method >> path >> access) routes[{Lower(method), path}] = access;
  }
  return routes;
}

std::map<RouteKey, std::string> DocumentedRoutes() {
  std::map<RouteKey, std::string> routes;
  std::ifstream file(CONSIGN_SOURCE_DIR "/docs/openapi.yaml");
  const std::regex path_re(R"(^  (/[^:\s]*):\s*$)");
  const std::regex method_re(R"(^    (get|put|post|patch|delete|head|options):\s*$)");
  const std::regex permission_re(R"(^      x-permission:\s*(\S+)\s*$)");
  bool in_paths = false;
  std::string path, line;
  RouteKey current;
  std::smatch m;
  while (std::getline(file, line)) {
    if (line == "paths:") { in_paths = true; continue; }
    if (in_paths && !line.empty() && line[0] != ' ') break;  // next top-level key
    if (!in_paths) continue;
    if (std::regex_match(line, m, path_re)) {
      path = m[1];
    } else if (std::regex_match(line, m, method_re)) {
      current = {m[1], path};
      routes[current] = "";
    } else if (std::regex_match(line, m, permission_re) && !current.first.empty()) {
      routes[current] = m[1];
    }
  }
  return routes;
}

TEST(OpenApi, EveryRouteIsDocumentedWithItsPermission) {
  const auto router = RouterRoutes();
  const auto documented = DocumentedRoutes();
  ASSERT_GT(router.size(), 10u) << "`consign routes` printed too little";
  ASSERT_GT(documented.size(), 10u) << "could not read docs/openapi.yaml";
  for (const auto& [key, access] : router) {
    auto it = documented.find(key);
    if (it == documented.end()) {
      ADD_FAILURE() << "route missing from docs/openapi.yaml: " << key.first << " " << key.second;
      continue;
    }
    EXPECT_EQ(it->second, access) << "x-permission of " << key.first << " " << key.second;
  }
}

TEST(OpenApi, EveryDocumentedRouteExists) {
  const auto router = RouterRoutes();
  for (const auto& [key, access] : DocumentedRoutes())
    EXPECT_TRUE(router.count(key)) << "docs/openapi.yaml documents a route the server does not have: "
                                   << key.first << " " << key.second;
}

}  // namespace
