// The only translation unit that sees Boost.Beast and Boost.Asio.
#include "platform/http/server.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <atomic>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <csignal>
#include <cstdio>
#include <deque>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <thread>
#include <unordered_map>
#include <variant>
#include <vector>

#include "platform/http/pipeline.hpp"
#include "platform/http/problem.hpp"
#include "platform/http/wire.hpp"

namespace consign::http {

namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;
using SteadyTime = std::chrono::steady_clock::time_point;

namespace {

// Bytes a closing connection still reads and discards after its last response, so a client that is
// still sending an over-limit body sees our 413 instead of a reset.
constexpr size_t kLingerBytes = 64 * 1024 * 1024;
constexpr std::chrono::seconds kLingerTime{2};

struct Refusal {
  int status;
  std::string_view code;
  std::string title;
};

// Request smuggling defence (RFC 9112 §3.2, §6.1, §6.3): a message is framed one way only, so a proxy in
// front and this server can never disagree where it ends. Refused, and the connection closed:
//   - Transfer-Encoding that is not exactly one field holding the single coding `chunked`
//     ("gzip, chunked", "chunked, chunked", two fields, an empty one): 400, or 501 when it names a
//     coding this server does not implement;
//   - Transfer-Encoding with Content-Length, or in an HTTP/1.0 request (which cannot use it): 400;
//   - an HTTP/1.1 request without Host, or any request with more than one Host: 400.
// Beast alone already refuses some of these (a second Transfer-Encoding after `chunked`, Content-Length
// after chunked); it reads "identity" or "chunked, chunked" as "no body", which would let the bytes that
// follow pass as a second request.
std::optional<Refusal> FramingRefusal(const bhttp::request_parser<bhttp::string_body>::value_type& header) {
  const auto [host_begin, host_end] = header.equal_range(bhttp::field::host);
  const auto hosts = std::distance(host_begin, host_end);
  if (hosts > 1) return Refusal{400, "malformed_request", "The request has more than one Host header."};
  if (hosts == 0 && header.version() >= 11) return Refusal{400, "malformed_request", "The request has no Host header."};

  const auto [te_begin, te_end] = header.equal_range(bhttp::field::transfer_encoding);
  const auto encodings = std::distance(te_begin, te_end);
  if (encodings == 0) return std::nullopt;
  if (encodings > 1) return Refusal{400, "malformed_request", "The request repeats Transfer-Encoding."};
  if (header.count(bhttp::field::content_length) > 0)
    return Refusal{400, "malformed_request", "The request has both Transfer-Encoding and Content-Length."};
  if (header.version() < 11)
    return Refusal{400, "malformed_request", "An HTTP/1.0 request cannot use Transfer-Encoding."};
  int chunked = 0;
  for (const auto coding : bhttp::token_list{te_begin->value()}) {
    if (!beast::iequals(coding, "chunked"))
      return Refusal{501, "transfer_encoding_not_implemented",
                     "This server accepts no Transfer-Encoding but chunked."};
    ++chunked;
  }
  if (chunked != 1)
    return Refusal{400, "malformed_request", "Transfer-Encoding must be exactly chunked."};
  return std::nullopt;
}

std::string ToLower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

}  // namespace

class Session;

class Server::Impl {
 public:
  Impl(ServerOptions options, Pipeline& pipeline)
      : options_(std::move(options)),
        pipeline_(pipeline),
        contexts_(MakeContexts(std::max(1, options_.io_threads))),
        ioc_(*contexts_.front()),
        workers_(static_cast<size_t>(std::max(1, options_.worker_threads))),
        acceptor_(ioc_),
        signals_(ioc_),
        shutdown_timer_(ioc_) {}

  uint16_t Listen();
  bool Run();
  void BeginShutdown();

  const ServerOptions options_;
  Pipeline& pipeline_;
  std::atomic<bool> stopping_{false};
  std::atomic<int> in_flight_{0};  // requests handed to workers whose response is not yet queued

  // Requests handed to the worker pool (running or waiting for a worker), for admission control.
  std::atomic<size_t> busy_{0};

  std::mutex sessions_mu_;
  std::unordered_map<Session*, std::weak_ptr<Session>> sessions_;  // GUARDED_BY(sessions_mu_)
  size_t connections_ = 0;                                          // GUARDED_BY(sessions_mu_)
  std::unordered_map<std::string, size_t> connections_by_address_;  // GUARDED_BY(sessions_mu_)

  // Counts a new connection from `address` against the caps; false (nothing counted) when over one.
  // REQUIRES: sessions_mu_ held.
  bool CountConnection(const std::string& address) {
    if (options_.max_connections > 0 && connections_ >= options_.max_connections) return false;
    size_t& from_address = connections_by_address_[address];
    if (options_.max_connections_per_address > 0 && from_address >= options_.max_connections_per_address) {
      if (from_address == 0) connections_by_address_.erase(address);
      return false;
    }
    ++from_address;
    ++connections_;
    return true;
  }
  // REQUIRES: sessions_mu_ held; `address` was counted.
  void UncountConnection(const std::string& address) {
    --connections_;
    auto it = connections_by_address_.find(address);
    if (it != connections_by_address_.end() && --it->second == 0) connections_by_address_.erase(it);
  }

  // Takes a place among the requests the workers run or queue; false when all are taken.
  bool EnterWorkers() {
    if (busy_.fetch_add(1) >= WorkerPlaces()) {
      busy_.fetch_sub(1);
      return false;
    }
    return true;
  }
  void LeaveWorkers() { busy_.fetch_sub(1); }
  // Whether a place is free now (a body is then read for a request that will need one).
  bool WorkersHaveRoom() const { return busy_.load() < WorkerPlaces(); }
  size_t WorkerPlaces() const {
    return static_cast<size_t>(std::max(1, options_.worker_threads)) + options_.max_queued_requests;
  }

  // One io_context per io thread, each run by that thread alone (concurrency hint 1: its queue takes
  // no lock another thread contends for, and a handler it posts wakes no other thread). A connection
  // lives on one of them, dealt round-robin as it is accepted.
  static std::vector<std::unique_ptr<net::io_context>> MakeContexts(int count) {
    std::vector<std::unique_ptr<net::io_context>> contexts;
    for (int i = 0; i < count; ++i) contexts.push_back(std::make_unique<net::io_context>(1));
    return contexts;
  }

  // Declaration order is destruction order reversed: the worker pool goes before the io_contexts
  // its tasks post to.
  std::vector<std::unique_ptr<net::io_context>> contexts_;
  net::io_context& ioc_;  // the first: the acceptor, the signals and the shutdown timer
  size_t next_context_ = 0;  // the next accepted connection's; touched by the acceptor's handler only
  net::thread_pool workers_;
  tcp::acceptor acceptor_;
  net::signal_set signals_;
  net::steady_timer shutdown_timer_;
  SteadyTime shutdown_deadline_{};

 private:
  void DoAccept();
  void PollShutdown();
};

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket&& socket, Server::Impl& server) : stream_(std::move(socket)), server_(server) {
    beast::error_code ec;
    const auto endpoint = stream_.socket().remote_endpoint(ec);
    if (!ec) remote_ = endpoint.address().to_string();
  }
  ~Session() {
    std::lock_guard lock(server_.sessions_mu_);
    server_.sessions_.erase(this);
    if (counted_) server_.UncountConnection(remote_);
  }

  const std::string& remote() const { return remote_; }
  void set_counted() { counted_ = true; }

  void Start() {
    net::dispatch(stream_.get_executor(), beast::bind_front_handler(&Session::DoRead, shared_from_this()));
  }

  // A connection over the caps: 503 at once, without reading its request, then closed.
  void Refuse() {
    net::dispatch(stream_.get_executor(), [self = shared_from_this()] {
      self->Reject(503, "too_many_connections", "The server has too many open connections; retry shortly.",
                   std::chrono::steady_clock::now(), /*retry_after=*/true);
    });
  }

  // Posted by the server when it begins shutting down: idle connections close now, busy ones after
  // their responses are written.
  void Shutdown() {
    net::post(stream_.get_executor(), [self = shared_from_this()] {
      self->read_closed_ = true;
      if (self->slots_.empty() && !self->writing_) {
        self->Close();
      } else if (self->reading_) {
        // Ends the pending read with EOF without touching a write in progress.
        beast::error_code ec;
        self->stream_.socket().shutdown(tcp::socket::shutdown_receive, ec);
      }
    });
  }

 private:
  struct Slot {
    bool ready = false;
    WireResponse response;
  };

  void DoRead() {
    if (reading_ || read_closed_ || closed_ || slots_.size() >= server_.options_.pipeline_limit) return;
    parser_.emplace();
    parser_->header_limit(static_cast<std::uint32_t>(std::min<size_t>(server_.options_.header_limit, UINT32_MAX)));
    // No limit yet: Beast would refuse an announced Content-Length while parsing the header, before
    // the route — and who is asking — is known. OnAdmitted sets the route's limit before a byte of the
    // body is read; nothing reads a body before that.
    body_limit_ = server_.options_.large_body_limit;
    parser_->body_limit(boost::none);
    ArmReadTimer();
    reading_ = true;
    bhttp::async_read_header(stream_, buffer_, *parser_,
                             beast::bind_front_handler(&Session::OnHeader, shared_from_this()));
  }

  // The stream has one timer for reads and writes. While a write is in progress its timeout rules
  // (OnWrite re-arms the read afterwards). While requests of this connection are being handled, a
  // read-ahead for the next pipelined request waits without limit: the clock starts once every
  // response is written, or a slow handler would get its own connection cut.
  void ArmReadTimer() {
    if (writing_) return;
    if (!slots_.empty()) return stream_.expires_never();
    const bool idle = served_ && buffer_.size() == 0;
    stream_.expires_after(idle ? server_.options_.idle_timeout : server_.options_.read_timeout);
  }

  void OnHeader(beast::error_code ec, size_t) {
    if (ec) return OnRead(ec, 0);
    const auto& header = parser_->get();
    if (auto refusal = FramingRefusal(header))
      return Reject(refusal->status, refusal->code, refusal->title, std::chrono::steady_clock::now());
    // A request without a body (every GET) is complete with its header: one trip to a worker.
    if (parser_->is_done()) return OnRead({}, 0);
    // A body: nothing of it is read before a worker has matched the route and checked who is asking.
    const SteadyTime received = std::chrono::steady_clock::now();
    Request request;
    if (!ReadHead(request)) {
      reading_ = false;  // no read is pending: the answer may linger for what the client still sends
      return RejectMessage(bhttp::error::bad_target, received);
    }
    // Admitted where it was read: matching the route and reading the credentials is a few indexed
    // reads whatever the route, so a POST costs no trip to a worker and back before its body is read.
    auto admitted = server_.pipeline_.Admit(request, received);
    OnAdmitted(std::move(request), std::move(admitted), received);
  }

  // Fills method, target, headers and address from the parsed header; false for a bad target.
  bool ReadHead(Request& request) {
    const auto& message = parser_->get();
    request.method = ParseMethod(std::string_view(message.method_string()));
    if (!ParseTarget(std::string_view(message.target()), request)) return false;
    request.headers.reserve(std::distance(message.begin(), message.end()));
    for (const auto& field : message)
      request.headers.emplace_back(ToLower(std::string_view(field.name_string())), std::string(field.value()));
    request.remote_address = remote_;
    return true;
  }

  void OnAdmitted(Request request, std::variant<Admission, Response> admitted, SteadyTime received) {
    if (closed_) return;
    if (auto* refusal = std::get_if<Response>(&admitted)) {
      // Refused on its header: answered, and the connection closed, for its body was never read.
      reading_ = false;
      read_closed_ = true;
      auto slot = std::make_shared<Slot>();
      slot->response = ToWire(*refusal, parser_->get().version(), false, false);
      slot->ready = true;
      slots_.push_back(std::move(slot));
      return MaybeWrite();
    }
    Admission& admission = std::get<Admission>(admitted);
    if (!(admission.route && admission.route->runs == Runs::kInline) && !server_.WorkersHaveRoom()) {
      // It would wait for a worker: refused now, before its body is read.
      reading_ = false;
      return RejectOverloaded(received, /*close=*/true);
    }
    body_limit_ = admission.body == BodySize::kLarge ? server_.options_.large_body_limit : server_.options_.body_limit;
    // Beast checks a Content-Length against the limit only when the header is parsed; chunks as they come.
    if (auto length = parser_->content_length(); length && *length > body_limit_) {
      reading_ = false;
      return RejectMessage(bhttp::error::body_limit, received);
    }
    parser_->body_limit(body_limit_);
    head_ = std::move(request);
    admission_ = std::move(admission);
    if (beast::iequals(parser_->get()[bhttp::field::expect], "100-continue")) {
      auto cont =
          std::make_shared<bhttp::response<bhttp::empty_body>>(bhttp::status::continue_, parser_->get().version());
      stream_.expires_after(server_.options_.write_timeout);
      bhttp::async_write(stream_, *cont, [self = shared_from_this(), cont](beast::error_code wec, size_t) {
        if (wec) return self->OnRead(wec, 0);
        self->ReadBody();
      });
      return;
    }
    ReadBody();
  }

  void ReadBody() {
    // A request without a body (every GET) is complete with its header: no second read, no timer.
    if (parser_->is_done()) return OnRead({}, 0);
    stream_.expires_after(server_.options_.read_timeout);
    bhttp::async_read(stream_, buffer_, *parser_, beast::bind_front_handler(&Session::OnRead, shared_from_this()));
  }

  void OnRead(beast::error_code ec, size_t) {
    reading_ = false;
    const SteadyTime received = std::chrono::steady_clock::now();
    if (ec == bhttp::error::end_of_stream || ec == net::error::eof || ec == beast::error::timeout ||
        ec == net::error::operation_aborted || ec == net::error::connection_reset ||
        ec == net::error::broken_pipe || ec == net::error::bad_descriptor) {
      // The client went away, went quiet, or we are closing: nothing to answer.
      read_closed_ = true;
      if (ec == beast::error::timeout || (slots_.empty() && !writing_)) Close();
      return;
    }
    if (ec) return RejectMessage(ec, received);

    served_ = true;
    auto& message = parser_->get();
    Request request;
    std::optional<Admission> admission;
    if (head_) {
      request = std::move(*head_);
      admission = std::move(admission_);
      head_.reset();
      admission_.reset();
    } else if (!ReadHead(request)) {
      return RejectMessage(bhttp::error::bad_target, received);
    }
    request.body = std::move(message.body());
    const unsigned version = message.version();
    const bool keep_alive = message.keep_alive();
    const bool head = request.method == Method::kHead;

    if (!keep_alive) read_closed_ = true;
    const bool runs_inline = admission ? admission->route && admission->route->runs == Runs::kInline
                                       : server_.pipeline_.RunsInline(request);
    if (runs_inline) {
      // Run where it was read: no hand-over to a worker and back (two thread wake-ups, most of the
      // cost of a fast read besides its own work). The write begins at once, then the next read.
      Response response = Run(request, std::move(admission), received);
      auto slot = std::make_shared<Slot>();
      slot->response = ToWire(response, version, keep_alive && !server_.stopping_.load(), head);
      slot->ready = true;
      slots_.push_back(std::move(slot));
      MaybeWrite();
      return DoRead();
    }
    if (!server_.EnterWorkers()) {
      // The body is read: the connection stays in step and may go on.
      RejectOverloaded(received, /*close=*/false, version, keep_alive);
      return DoRead();
    }
    auto slot = std::make_shared<Slot>();
    slots_.push_back(slot);
    server_.in_flight_.fetch_add(1);
    // The handler runs on a worker so a slow one never holds up this io thread; its response comes
    // back through this connection's io thread, which orders it among the pipelined ones.
    net::post(server_.workers_, [self = shared_from_this(), slot, request = std::move(request),
                                 admission = std::move(admission), received, version, keep_alive, head]() mutable {
      Response response = self->Run(request, std::move(admission), received);
      self->server_.LeaveWorkers();
      const bool keep = keep_alive && !self->server_.stopping_.load();
      WireResponse wire = ToWire(response, version, keep, head);
      net::post(self->stream_.get_executor(),
                [self, slot, wire = std::move(wire)]() mutable {
                  slot->response = std::move(wire);
                  slot->ready = true;
                  self->server_.in_flight_.fetch_sub(1);
                  self->MaybeWrite();
                });
    });

    DoRead();
  }

  Response Run(Request& request, std::optional<Admission> admission, SteadyTime received) {
    return admission ? server_.pipeline_.Dispatch(request, std::move(*admission), received)
                     : server_.pipeline_.Dispatch(request, received);
  }

  // 503 + Retry-After for a request the workers have no room for, at once. `close`: its body was not
  // read, so the connection cannot go on.
  void RejectOverloaded(SteadyTime received, bool close, unsigned version = 11, bool keep_alive = false) {
    static constexpr std::string_view kTitle = "The server is busy; retry shortly.";
    if (close) return Reject(503, "overloaded", std::string(kTitle), received, /*retry_after=*/true);
    Request request;
    request.remote_address = remote_;
    const std::string request_id = NewRequestId();
    Response response = ProblemResponse(503, "overloaded", std::string(kTitle), request.path, request_id);
    response.Set("Retry-After", "1");
    server_.pipeline_.FinishServerResponse(request, response, request_id, received);
    auto slot = std::make_shared<Slot>();
    slot->response = ToWire(response, version, keep_alive && !server_.stopping_.load(), false);
    slot->ready = true;
    slots_.push_back(std::move(slot));
    MaybeWrite();
  }

  // Answers a message that could not be read as a request, then closes.
  void RejectMessage(beast::error_code ec, SteadyTime received) {
    if (ec == bhttp::error::body_limit)
      return Reject(413, "payload_too_large",
                    "The body is larger than this route accepts (" + std::to_string(body_limit_) + " bytes).",
                    received);
    if (ec == bhttp::error::header_limit)
      return Reject(431, "header_too_large", "The request headers are too large.", received);
    Reject(400, "malformed_request", "The request is not valid HTTP/1.1: " + ec.message() + ".", received);
  }

  void Reject(int status, std::string_view code, const std::string& title, SteadyTime received,
              bool retry_after = false) {
    read_closed_ = true;
    Request request;
    if (parser_ && parser_->is_header_done()) {
      request.method = ParseMethod(std::string_view(parser_->get().method_string()));
      request.path = std::string(parser_->get().target().substr(0, parser_->get().target().find('?')));
    }
    request.remote_address = remote_;
    const std::string request_id = NewRequestId();
    Response response = ProblemResponse(status, code, title, request.path, request_id);
    if (retry_after) response.Set("Retry-After", "1");
    server_.pipeline_.FinishServerResponse(request, response, request_id, received);
    auto slot = std::make_shared<Slot>();
    slot->response = ToWire(response, 11, false, false);
    slot->ready = true;
    slots_.push_back(std::move(slot));
    MaybeWrite();
  }

  void MaybeWrite() {
    if (writing_ || closed_ || slots_.empty() || !slots_.front()->ready) return;
    writing_ = true;
    stream_.expires_after(server_.options_.write_timeout);
    net::async_write(stream_, net::buffer(slots_.front()->response.bytes),
                     beast::bind_front_handler(&Session::OnWrite, shared_from_this()));
  }

  void OnWrite(beast::error_code ec, size_t) {
    writing_ = false;
    if (ec) return Close();
    const bool close = slots_.front()->response.close;
    slots_.pop_front();
    if (close) return Linger();
    if (read_closed_ && slots_.empty()) return Close();
    if (server_.stopping_.load() && slots_.empty()) return Close();
    // The write moved the stream's one timer; give the pending read its own budget back.
    if (reading_) ArmReadTimer();
    DoRead();
    MaybeWrite();
  }

  // Half-closes and reads what the client still sends (bounded) before closing, so an early error
  // response is not lost to a TCP reset.
  void Linger() {
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
    if (ec || reading_) return Close();
    linger_buffer_.resize(64 * 1024);
    stream_.expires_after(kLingerTime);
    DoLinger();
  }
  void DoLinger() {
    stream_.async_read_some(net::buffer(linger_buffer_), [self = shared_from_this()](beast::error_code ec, size_t n) {
      self->lingered_ += n;
      if (ec || self->lingered_ > kLingerBytes) return self->Close();
      self->DoLinger();
    });
  }

  void Close() {
    if (closed_) return;
    closed_ = true;
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_both, ec);
    stream_.close();
  }

  beast::tcp_stream stream_;
  Server::Impl& server_;
  std::string remote_;
  beast::flat_buffer buffer_;
  std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
  size_t body_limit_ = 0;              // of the message being read, for the 413's title
  std::optional<Request> head_;        // the admitted request whose body is being read
  std::optional<Admission> admission_;
  bool counted_ = false;               // counted against the connection caps
  std::deque<std::shared_ptr<Slot>> slots_;  // in request order; the front is written first
  std::vector<char> linger_buffer_;
  size_t lingered_ = 0;
  bool reading_ = false;
  bool writing_ = false;
  bool read_closed_ = false;  // no more requests will be read on this connection
  bool closed_ = false;
  bool served_ = false;       // at least one request read: later waits use the idle timeout
};

uint16_t Server::Impl::Listen() {
  beast::error_code ec;
  tcp::resolver resolver(ioc_);
  auto results = resolver.resolve(options_.host, std::to_string(options_.port), ec);
  if (ec || results.empty())
    throw std::runtime_error(fmt::format("cannot resolve listen address {}: {}", options_.host, ec.message()));
  const tcp::endpoint endpoint = results.begin()->endpoint();
  auto fail = [&](std::string_view what) {
    throw std::runtime_error(
        fmt::format("cannot listen on {}:{}: {} failed: {}", options_.host, options_.port, what, ec.message()));
  };
  acceptor_.open(endpoint.protocol(), ec);
  if (ec) fail("open");
  acceptor_.set_option(net::socket_base::reuse_address(true), ec);
  if (ec) fail("setsockopt");
  acceptor_.bind(endpoint, ec);
  if (ec) fail("bind");
  acceptor_.listen(net::socket_base::max_listen_connections, ec);
  if (ec) fail("listen");
  return acceptor_.local_endpoint().port();
}

void Server::Impl::DoAccept() {
  net::io_context& context = *contexts_[next_context_++ % contexts_.size()];
  acceptor_.async_accept(context.get_executor(), [this](beast::error_code ec, tcp::socket socket) {
    if (stopping_.load()) return;
    if (ec) {
      if (ec == net::error::operation_aborted) return;
      // Out of file descriptors and the like: log and keep accepting.
      spdlog::warn("accept failed: {}", ec.message());
    } else {
      beast::error_code opt_ec;
      socket.set_option(tcp::no_delay(true), opt_ec);
      auto session = std::make_shared<Session>(std::move(socket), *this);
      bool counted = false;
      {
        std::lock_guard lock(sessions_mu_);
        sessions_.emplace(session.get(), session);
        counted = CountConnection(session->remote());
        if (counted) session->set_counted();
      }
      if (counted) {
        session->Start();
      } else {
        session->Refuse();
      }
    }
    DoAccept();
  });
}

void Server::Impl::BeginShutdown() {
  if (stopping_.exchange(true)) return;
  net::post(acceptor_.get_executor(), [this] {
    beast::error_code ec;
    acceptor_.close(ec);
  });
  std::vector<std::shared_ptr<Session>> live;
  {
    std::lock_guard lock(sessions_mu_);
    for (auto& [raw, weak] : sessions_)
      if (auto session = weak.lock()) live.push_back(std::move(session));
  }
  for (auto& session : live) session->Shutdown();
  live.clear();
  net::post(ioc_, [this] {
    shutdown_deadline_ = std::chrono::steady_clock::now() + options_.shutdown_grace;
    PollShutdown();
  });
}

void Server::Impl::PollShutdown() {
  bool idle = false;
  {
    std::lock_guard lock(sessions_mu_);
    idle = sessions_.empty() && in_flight_.load() == 0;
  }
  if (idle || std::chrono::steady_clock::now() >= shutdown_deadline_) {
    if (!idle) spdlog::warn("shutdown grace elapsed with {} request(s) still running", in_flight_.load());
    for (auto& context : contexts_) context->stop();
    return;
  }
  shutdown_timer_.expires_after(std::chrono::milliseconds(20));
  shutdown_timer_.async_wait([this](beast::error_code) { PollShutdown(); });
}

bool Server::Impl::Run() {
  if (options_.handle_signals) {
    signals_.add(SIGINT);
    signals_.add(SIGTERM);
    signals_.async_wait([this](beast::error_code ec, int signal) {
      if (ec) return;
      spdlog::info("signal {} received: shutting down", signal);
      BeginShutdown();
    });
  }
  DoAccept();
  const auto endpoint = acceptor_.local_endpoint();
  const std::string host =
      endpoint.address().is_v6() ? "[" + options_.host + "]" : options_.host;
  std::printf("%s http://%s:%u\n", options_.banner.c_str(), host.c_str(), static_cast<unsigned>(endpoint.port()));
  std::fflush(stdout);

  // Each context stays in run() until PollShutdown stops them all, even while it has no connection.
  std::vector<net::executor_work_guard<net::io_context::executor_type>> keep_running;
  for (auto& context : contexts_) keep_running.push_back(net::make_work_guard(*context));
  std::vector<std::thread> threads;
  for (size_t i = 1; i < contexts_.size(); ++i) threads.emplace_back([this, i] { contexts_[i]->run(); });
  ioc_.run();
  for (auto& context : contexts_) context->stop();
  for (auto& t : threads) t.join();
  const bool drained = in_flight_.load() == 0;
  if (drained) {
    workers_.join();
  }
  return drained;
}

Server::Server(ServerOptions options, Pipeline& pipeline) : impl_(std::make_unique<Impl>(std::move(options), pipeline)) {}

Server::~Server() {
  // A handler that outlived the grace still holds a worker; stopping the pool drops queued work,
  // and the join below waits only for handlers that are running.
  impl_->workers_.stop();
  impl_->workers_.join();
}

uint16_t Server::Listen() { return impl_->Listen(); }
bool Server::Run() { return impl_->Run(); }
void Server::Stop() { impl_->BeginShutdown(); }

}  // namespace consign::http
