#pragma once
// A unit of work: who is acting, when, under which request id, and the one transaction the work runs
// in. Every use case of every module takes a Scope& — an HTTP request (http::Context is a Scope), a
// background job, a CLI command, an import, or another module's service all reach it the same way.
//
// The transaction opens lazily on the first tx(), in the scope's default mode (read for GET/HEAD
// requests, write otherwise); write_tx() asks for a write transaction before the first tx(). Whoever
// made the scope ends it with Finish(commit) — the HTTP pipeline, the job runner, a command's
// RunInScope. Services never commit (STYLE.md §6).
//
// Thread safety: a Scope belongs to one thread at a time.
#include <functional>
#include <memory>
#include <string>

#include "core/clock.hpp"
#include "core/principal.hpp"
#include "core/result.hpp"
#include "platform/db/database.hpp"

namespace consign {

class Scope {
 public:
  // `database` may be null for scopes that never touch data (tests of routes without a database).
  Scope(db::Database* database, const Clock& clock, Principal principal, std::string request_id,
        db::TxMode default_mode);
  virtual ~Scope();
  Scope(const Scope&) = delete;
  Scope& operator=(const Scope&) = delete;

  const Principal& principal() const { return principal_; }
  void set_principal(Principal p) { principal_ = std::move(p); }
  const Clock& clock() const { return clock_; }
  Instant now() const { return clock_.Now(); }
  // The HTTP request id, a job's "job-<id>", or "cli": written into audit entries.
  const std::string& request_id() const { return request_id_; }

  db::Transaction& tx();
  // Opens the transaction in write mode even in a read scope (e.g. a read that writes an audit entry).
  // REQUIRES: called before the first tx() of the scope, or the scope is already writing.
  db::Transaction& write_tx();
  // Opens the transaction in read mode even in a write scope: a use case that only reads though its
  // request is a POST (a quote carries its shipment in a body). On SQLite a write transaction holds
  // the one writer lock for its whole length; a read does not. REQUIRES: called before the first tx().
  db::Transaction& read_tx();
  bool has_tx() const { return tx_ != nullptr; }
  bool has_write_tx() const { return tx_ != nullptr && tx_is_write_; }
  // The mode tx() opens in: read for GET/HEAD requests, write otherwise.
  db::TxMode default_mode() const { return default_mode_; }
  // For the few use cases that must keep a record whatever happens to the scope's transaction (a
  // failed login still counts towards throttling): they open short transactions of their own.
  db::Database& database() const;

  // Commits (or rolls back) the open transaction, if any. Called by whoever made the scope.
  void Finish(bool commit);

 private:
  db::Database* database_;
  const Clock& clock_;
  Principal principal_;
  std::string request_id_;
  db::TxMode default_mode_;
  std::unique_ptr<db::Transaction> tx_;
  bool tx_is_write_ = false;
};

// Runs `work` in a fresh write scope and commits when it returns Ok (rolls back otherwise). For
// jobs, CLI commands and tests that call services outside an HTTP request.
template <class T>
Result<T> RunInScope(db::Database& database, const Clock& clock, Principal principal, std::string request_id,
                     const std::function<Result<T>(Scope&)>& work) {
  Scope scope(&database, clock, std::move(principal), std::move(request_id), db::TxMode::kWrite);
  Result<T> result = work(scope);
  scope.Finish(result.has_value());
  return result;
}

}  // namespace consign
