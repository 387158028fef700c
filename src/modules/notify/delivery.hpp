#pragma once
// Sending, over libcurl: e-mail to an SMTP server, and JSON posted to a customer's webhook or to the
// SMS gateway. Each call is one attempt with a timeout; retries are the caller's (notify_service).
// A customer's webhook URL may name any host, so the sender refuses to connect to loopback, private,
// link-local and other internal addresses (server-side request forgery) unless the operator allows
// them (tests, a gateway inside the network). Redirects are never followed; only http and https.
#include <chrono>
#include <string>
#include <string_view>
#include <vector>

namespace consign::notify {

struct SenderSettings {
  std::string smtp_url;        // smtp://host:port or smtps://…; empty: e-mail is not configured
  std::string smtp_user, smtp_password;
  std::string mail_from = "Consign <noreply@consign.local>";
  std::string sms_url;         // the SMS gateway's endpoint; empty: SMS is not configured
  std::string sms_token;       // sent as "Authorization: Bearer …"
  std::chrono::seconds timeout{10};
  bool allow_private_hosts = false;  // webhooks to internal addresses (tests only)
};

struct SendResult {
  bool ok = false;
  std::string detail;  // "250 OK", "HTTP 500: …", "timed out after 10 s", "refused: 127.0.0.1 is internal"
};

// `message` is a whole RFC 5322 message (notice.hpp MailMessage). The envelope sender is mail_from's
// address.
SendResult SendMail(const SenderSettings& s, std::string_view to, std::string_view message);

// POSTs `body` as application/json with `headers` ("Name: value"); a 2xx answer is success.
// `internal_ok`: the operator's own endpoint (the SMS gateway) may be on an internal address.
SendResult PostJson(const SenderSettings& s, std::string_view url, std::string_view body,
                    const std::vector<std::string>& headers, bool internal_ok);

// Whether a numeric address is loopback, private, link-local, CGNAT, unspecified, multicast or an
// IPv6 unique-local / mapped one of those. Unit-tested.
bool IsInternalAddress(std::string_view numeric);

}  // namespace consign::notify
