#include "platform/scope/scope.hpp"

#include <stdexcept>

namespace consign {

Scope::Scope(db::Database* database, const Clock& clock, Principal principal, std::string request_id,
             db::TxMode default_mode)
    : database_(database),
      clock_(clock),
      principal_(std::move(principal)),
      request_id_(std::move(request_id)),
      default_mode_(default_mode) {}

Scope::~Scope() = default;  // an unfinished transaction rolls back in its own destructor

db::Database& Scope::database() const {
  if (!database_) throw std::logic_error("this scope has no database");
  return *database_;
}

db::Transaction& Scope::tx() {
  if (!tx_) {
    tx_ = database().Begin(default_mode_);
    tx_is_write_ = default_mode_ == db::TxMode::kWrite;
  }
  return *tx_;
}

db::Transaction& Scope::write_tx() {
  if (tx_ && !tx_is_write_) throw std::logic_error("write_tx() after a read transaction was opened");
  if (!tx_) {
    tx_ = database().Begin(db::TxMode::kWrite);
    tx_is_write_ = true;
  }
  return *tx_;
}

db::Transaction& Scope::read_tx() {
  if (tx_) throw std::logic_error("read_tx() after the scope's transaction was opened");
  tx_ = database().Begin(db::TxMode::kRead);
  tx_is_write_ = false;
  return *tx_;
}

void Scope::Finish(bool commit) {
  if (!tx_) return;
  auto tx = std::move(tx_);
  if (commit) tx->Commit();
  else tx->Rollback();
}

}  // namespace consign
