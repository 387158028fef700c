#pragma once
// The HTTP/1.1 server (Boost.Beast; this header keeps Beast out of its users). N io threads, each with
// an io_context of its own that only it runs; a connection is dealt to one of them when it is accepted
// and is read, parsed and written there. A request to a route marked Runs::kInline (router.hpp: the hot
// reads, an account by id, /auth/me, a quote) runs on that io thread, where it was read, with no
// hand-over; every other request is handed to a separate worker pool and its response posted back to
// the connection's io thread, so a slow request (a search, a report, a password hash) holds up no
// connection but its own. Per message a fresh parser with header and body limits; a timeout before
// every read and write; keep-alive; up to `pipeline_limit` requests of one connection in flight,
// answered in order. Over-limit body → 413, over-limit header → 431, malformed HTTP → 400; each then
// closes.
//
// Bounded before anything is read or queued:
//   - a request with a body is first admitted on its header alone (Pipeline::Admit, on the io thread:
//     route, authentication, permission); a refusal (401, 403, 404, 405) is answered and the connection
//     closed without reading the body; an admitted one is read up to its route's limit (`body_limit`,
//     or `large_body_limit` for BodySize::kLarge routes), past which 413 names the limit;
//   - connections: past `max_connections` in all, or `max_connections_per_address` from one client
//     address, a new connection is answered 503 (code too_many_connections, Retry-After) at once —
//     without reading its request — and closed; it never waits in a queue;
//   - work: past `worker_threads + max_queued_requests` requests running on or waiting for a worker, a
//     request for a worker is answered 503 (code overloaded, Retry-After) at once instead of joining
//     the queue — one with a body on its header, before the body is read. So do
// ambiguous framing and Host (request smuggling): a Transfer-Encoding other than exactly `chunked`
// (400, or 501 for a coding it does not implement), Transfer-Encoding with Content-Length, a missing
// (HTTP/1.1) or repeated Host → 400. Every such response gets the pipeline's edge headers.
//
// Run() blocks until SIGTERM/SIGINT (when handle_signals) or Stop(): it stops accepting, lets requests in flight finish
// (up to shutdown_grace), closes idle connections, and returns.
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "platform/http/message.hpp"

namespace consign::http {

class Pipeline;

struct ServerOptions {
  std::string host = "127.0.0.1";
  uint16_t port = 8080;  // 0: an ephemeral port; Listen() returns the real one
  int io_threads = 2;
  int worker_threads = 8;
  size_t header_limit = 16 * 1024;
  size_t body_limit = 64 * 1024;                // BodySize::kSmall routes: JSON forms, login
  size_t large_body_limit = 24 * 1024 * 1024;   // BodySize::kLarge routes: file imports
  size_t max_connections = 1000;                // open connections in all; 0: no cap
  size_t max_connections_per_address = 128;     // open connections from one client address; 0: no cap
  size_t max_queued_requests = 256;             // requests waiting for a busy worker
  std::chrono::milliseconds read_timeout{30'000};   // to read one request once it has begun
  std::chrono::milliseconds write_timeout{30'000};  // to write one response
  std::chrono::milliseconds idle_timeout{60'000};   // keep-alive connection with nothing to do
  std::chrono::milliseconds shutdown_grace{20'000};
  size_t pipeline_limit = 8;
  // Run() prints "<banner> http://HOST:PORT"; tests and scripts look for the main server's line.
  std::string banner = "Consign listening on";
  // Whether SIGINT/SIGTERM stop this server. A second server in the same process (the internal
  // metrics listener) leaves them to the main one, which stops it.
  bool handle_signals = true;
};

class Server {
 public:
  // REQUIRES: `pipeline` outlives the server.
  Server(ServerOptions options, Pipeline& pipeline);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds and listens. Throws std::runtime_error naming the address when it cannot.
  // Returns the port actually bound.
  uint16_t Listen();
  // Prints "<banner> http://HOST:PORT" to stdout, serves until a signal or Stop(),
  // then shuts down gracefully. Returns true when every request finished; false when some were still
  // running after shutdown_grace — the caller should then exit the process without destroying the
  // server, whose destructor waits for running handlers. REQUIRES: Listen() succeeded.
  bool Run();
  // Begins a graceful shutdown; callable from any thread.
  void Stop();

  class Impl;  // named here only so server.cpp's connection class can refer to it

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace consign::http
