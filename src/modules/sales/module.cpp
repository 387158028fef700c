#include "modules/sales/module.hpp"

#include "modules/sales/access.hpp"
#include "modules/sales/sales_http.hpp"
#include "modules/sales/sales_store.hpp"

namespace consign::sales {

module::Module Module() {
  return {
      .name = "sales",
      // audit: every change is recorded; auth: owners, teams; customers: conversion creates the account,
      // duplicates are checked against accounts; geo: region codes are GB/T 2260 divisions.
      .depends = {"audit", "auth", "customers", "geo"},
      .migrations = Migrations(),
      .access = kAccess,
      .start = [](module::Context& ctx) { RegisterRoutes(ctx.router); },
      .commands = {},
  };
}

}  // namespace consign::sales
