#include "modules/notify/delivery.hpp"

#include <arpa/inet.h>
#include <curl/curl.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <memory>
#include <mutex>

namespace consign::notify {

namespace {

void GlobalInit() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

struct Easy {
  Easy() : handle(curl_easy_init()) {}
  ~Easy() {
    if (list) curl_slist_free_all(list);
    if (handle) curl_easy_cleanup(handle);
  }
  CURL* handle;
  curl_slist* list = nullptr;
  std::string answer;        // the first bytes of the server's answer, for the delivery log
  std::string refused;       // the internal address a connection was refused to
  bool allow_internal = false;
  std::string_view upload;   // SMTP: the message still to send
};

constexpr size_t kAnswerBytes = 300;

size_t OnWrite(char* data, size_t size, size_t count, void* user) {
  auto* easy = static_cast<Easy*>(user);
  const size_t bytes = size * count;
  if (easy->answer.size() < kAnswerBytes) easy->answer.append(data, std::min(bytes, kAnswerBytes - easy->answer.size()));
  return bytes;
}

size_t OnRead(char* buffer, size_t size, size_t count, void* user) {
  auto* easy = static_cast<Easy*>(user);
  const size_t n = std::min(size * count, easy->upload.size());
  std::memcpy(buffer, easy->upload.data(), n);
  easy->upload.remove_prefix(n);
  return n;
}

std::string NumericAddress(const sockaddr* addr) {
  char text[INET6_ADDRSTRLEN] = {};
  if (addr->sa_family == AF_INET)
    inet_ntop(AF_INET, &reinterpret_cast<const sockaddr_in*>(addr)->sin_addr, text, sizeof text);
  else if (addr->sa_family == AF_INET6)
    inet_ntop(AF_INET6, &reinterpret_cast<const sockaddr_in6*>(addr)->sin6_addr, text, sizeof text);
  return text;
}

// Called for every connection curl opens, after the name is resolved: the address actually used is
// checked, so a DNS name pointing inside the network is refused as well as a literal one.
curl_socket_t OnOpenSocket(void* user, curlsocktype, curl_sockaddr* address) {
  auto* easy = static_cast<Easy*>(user);
  const std::string numeric = NumericAddress(&address->addr);
  if (!easy->allow_internal && (numeric.empty() || IsInternalAddress(numeric))) {
    easy->refused = numeric.empty() ? "an unknown address family" : numeric;
    return CURL_SOCKET_BAD;
  }
  return socket(address->family, address->socktype, address->protocol);
}

SendResult Finish(Easy& easy, CURLcode code, const SenderSettings& s, bool http) {
  if (!easy.refused.empty()) return {false, "refused: " + easy.refused + " is an internal address"};
  if (code == CURLE_OPERATION_TIMEDOUT)
    return {false, "timed out after " + std::to_string(s.timeout.count()) + " s"};
  long status = 0;
  curl_easy_getinfo(easy.handle, CURLINFO_RESPONSE_CODE, &status);
  if (code != CURLE_OK) {
    std::string detail = curl_easy_strerror(code);
    if (status > 0) detail += " (" + std::to_string(status) + ")";
    return {false, detail};
  }
  if (!http) return {true, std::to_string(status) + " accepted"};
  std::string answer = easy.answer;
  for (char& c : answer)
    if (static_cast<unsigned char>(c) < 0x20) c = ' ';
  const std::string detail = "HTTP " + std::to_string(status) + (answer.empty() ? "" : ": " + answer);
  return {status >= 200 && status < 300, detail};
}

}  // namespace

bool IsInternalAddress(std::string_view numeric) {
  const std::string text(numeric);
  std::array<unsigned char, 16> v6{};
  in_addr v4{};
  if (inet_pton(AF_INET, text.c_str(), &v4) == 1) {
    const uint32_t a = ntohl(v4.s_addr);
    auto in = [&](uint32_t net, int bits) { return (a >> (32 - bits)) == (net >> (32 - bits)); };
    return in(0x00000000, 8) || in(0x0A000000, 8) || in(0x7F000000, 8) || in(0xA9FE0000, 16) ||
           in(0xAC100000, 12) || in(0xC0A80000, 16) || in(0x64400000, 10) || in(0xC0000000, 24) ||
           in(0xC6120000, 15) || a >= 0xE0000000;
  }
  if (inet_pton(AF_INET6, text.c_str(), v6.data()) != 1) return true;  // not an address: refuse
  static constexpr std::array<unsigned char, 12> kMapped = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
  if (std::equal(kMapped.begin(), kMapped.end(), v6.begin())) {
    char mapped[INET_ADDRSTRLEN] = {};
    inet_ntop(AF_INET, v6.data() + 12, mapped, sizeof mapped);
    return IsInternalAddress(mapped);
  }
  const bool unspecified_or_loopback =
      std::all_of(v6.begin(), v6.end() - 1, [](unsigned char b) { return b == 0; }) && v6[15] <= 1;
  return unspecified_or_loopback || (v6[0] & 0xfe) == 0xfc /* fc00::/7 */ ||
         (v6[0] == 0xfe && (v6[1] & 0xc0) == 0x80) /* fe80::/10 */ || v6[0] == 0xff /* multicast */;
}

SendResult SendMail(const SenderSettings& s, std::string_view to, std::string_view message) {
  if (s.smtp_url.empty()) return {false, "no SMTP server is configured (smtp_url)"};
  GlobalInit();
  Easy easy;
  if (!easy.handle) return {false, "curl_easy_init failed"};
  std::string from = s.mail_from;
  if (const size_t lt = from.find('<'); lt != std::string::npos) from = from.substr(lt);
  else from = "<" + from + ">";
  const std::string rcpt = "<" + std::string(to) + ">";
  easy.list = curl_slist_append(nullptr, rcpt.c_str());
  easy.upload = message;
  easy.allow_internal = true;  // the operator's own server
  curl_easy_setopt(easy.handle, CURLOPT_URL, s.smtp_url.c_str());
  curl_easy_setopt(easy.handle, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
  curl_easy_setopt(easy.handle, CURLOPT_MAIL_FROM, from.c_str());
  curl_easy_setopt(easy.handle, CURLOPT_MAIL_RCPT, easy.list);
  if (!s.smtp_user.empty()) {
    curl_easy_setopt(easy.handle, CURLOPT_USERNAME, s.smtp_user.c_str());
    curl_easy_setopt(easy.handle, CURLOPT_PASSWORD, s.smtp_password.c_str());
    curl_easy_setopt(easy.handle, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_ALL));
  }
  curl_easy_setopt(easy.handle, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(easy.handle, CURLOPT_READFUNCTION, OnRead);
  curl_easy_setopt(easy.handle, CURLOPT_READDATA, &easy);
  curl_easy_setopt(easy.handle, CURLOPT_TIMEOUT, static_cast<long>(s.timeout.count()));
  curl_easy_setopt(easy.handle, CURLOPT_NOSIGNAL, 1L);
  return Finish(easy, curl_easy_perform(easy.handle), s, false);
}

SendResult PostJson(const SenderSettings& s, std::string_view url, std::string_view body,
                    const std::vector<std::string>& headers, bool internal_ok) {
  GlobalInit();
  Easy easy;
  if (!easy.handle) return {false, "curl_easy_init failed"};
  easy.allow_internal = internal_ok || s.allow_private_hosts;
  easy.list = curl_slist_append(easy.list, "Content-Type: application/json; charset=utf-8");
  easy.list = curl_slist_append(easy.list, "User-Agent: Consign-Notify/1");
  for (const std::string& h : headers) easy.list = curl_slist_append(easy.list, h.c_str());
  const std::string target(url);
  curl_easy_setopt(easy.handle, CURLOPT_URL, target.c_str());
  curl_easy_setopt(easy.handle, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(easy.handle, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(easy.handle, CURLOPT_HTTPHEADER, easy.list);
  curl_easy_setopt(easy.handle, CURLOPT_POSTFIELDS, body.data());
  curl_easy_setopt(easy.handle, CURLOPT_POSTFIELDSIZE, static_cast<long>(body.size()));
  curl_easy_setopt(easy.handle, CURLOPT_WRITEFUNCTION, OnWrite);
  curl_easy_setopt(easy.handle, CURLOPT_WRITEDATA, &easy);
  curl_easy_setopt(easy.handle, CURLOPT_OPENSOCKETFUNCTION, OnOpenSocket);
  curl_easy_setopt(easy.handle, CURLOPT_OPENSOCKETDATA, &easy);
  curl_easy_setopt(easy.handle, CURLOPT_TIMEOUT, static_cast<long>(s.timeout.count()));
  curl_easy_setopt(easy.handle, CURLOPT_NOSIGNAL, 1L);
  return Finish(easy, curl_easy_perform(easy.handle), s, true);
}

}  // namespace consign::notify
