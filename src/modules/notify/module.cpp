#include "modules/notify/module.hpp"

#include <charconv>
#include <memory>

#include "modules/notify/access.hpp"
#include "modules/notify/notify_http.hpp"
#include "modules/notify/notify_service.hpp"
#include "modules/notify/notify_store.hpp"
#include "platform/jobs/job_runner.hpp"

namespace consign::notify {

module::Module Module() {
  return {
      .name = "notify",
      // customers: the record rule of an account's settings and log; audit: every change of them.
      .depends = {"customers", "audit", "auth"},
      .migrations = Migrations(),
      .access = kAccess,
      .start =
          [](module::Context& ctx) {
            RegisterRoutes(ctx.router);
            SetPublicOrigin(ctx.settings.notify.public_origin);
            const module::NotifySettings& n = ctx.settings.notify;
            auto settings = std::make_shared<DeliverySettings>(DeliverySettings{
                .sender = {.smtp_url = n.smtp_url,
                           .smtp_user = n.smtp_user,
                           .smtp_password = n.smtp_password,
                           .mail_from = n.mail_from,
                           .sms_url = n.sms_gateway_url,
                           .sms_token = n.sms_gateway_token,
                           .timeout = n.send_timeout,
                           .allow_private_hosts = n.webhook_private_hosts},
                .retry_base = n.retry_base});
            const Clock* clock = &ctx.clock;
            ctx.jobs.Register(std::string(kDeliverJob), [settings, clock](const jobs::Job& job, db::Database& db) {
              int64_t id = 0;
              const auto [end, ec] = std::from_chars(job.payload.data(), job.payload.data() + job.payload.size(), id);
              if (ec != std::errc() || id <= 0) return Status(Internal("notify.deliver: bad payload " + job.payload));
              Deliver(db, *clock, *settings, id);
              return Ok();
            });
          },
      .commands = {},
  };
}

}  // namespace consign::notify
