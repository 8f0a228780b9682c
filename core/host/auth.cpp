// Token acquisition through auth-provider plugins.
#include "auth.h"

#include "../log.h"
#include "../plugins/abi_rules.h"
#include "call.h"
#include "session.h"

namespace matrixctl::host {
namespace {

mctl_status receive_tokens(mctl_call* call, const mctl_token_set* tokens) {
  mctl_token_set set{};
  if (!plugins::read_declared(tokens, set) || set.access_token == nullptr ||
      set.access_token[0] == '\0') {
    call->failure = Failure{MCTL_ERR_PLUGIN, "auth provider", "it returned no access token",
                            "report this as a bug of the auth-provider plugin"};
    return MCTL_ERR_PLUGIN;
  }
  TokenCopy copy;
  copy.access_token = set.access_token;
  if (set.refresh_token != nullptr) copy.refresh_token = set.refresh_token;
  if (set.id_token != nullptr) copy.id_token = set.id_token;
  if (set.scope != nullptr) copy.scope = set.scope;
  copy.expires_at = set.expires_at;
  copy.cacheable = set.cacheable != 0;
  call->tokens = std::move(copy);
  return MCTL_OK;
}

}  // namespace

AuthManager::AuthManager(Session& session) : session_(session) {}
AuthManager::~AuthManager() = default;

std::string AuthManager::auth_type() const { return session_.server().auth_type(); }

std::string AuthManager::access_token() {
  if (access_token_) return *access_token_;
  const std::string type = auth_type();
  const plugins::AuthProvider* provider = session_.registry().find_auth_provider(type);
  if (provider == nullptr) {
    std::string known;
    for (const auto& name : session_.registry().auth_provider_names()) {
      known += known.empty() ? name : ", " + name;
    }
    throw Error(MCTL_ERR_CONFIG, "servers." + session_.server().name() + ".api.auth_type",
                "no installed auth provider handles \"" + type + "\" (installed: " +
                    (known.empty() ? "none" : known) + ")",
                "set auth_type to one of them or install the plugin that provides it");
  }
  session_.registry().initialise(*provider->plugin, host_api());

  mctl_call call;
  call.session = &session_;
  call.plugin_id = provider->plugin->id;
  const mctl_status status = provider->desc.acquire(provider->plugin->state, &call, receive_tokens);
  if (status != MCTL_OK || !call.tokens) {
    if (call.failure) throw Error(*call.failure);
    throw Error(MCTL_ERR_AUTH, "auth provider " + type,
                "it failed with status " + std::to_string(status) + " without a message",
                "run with -d for details");
  }
  access_token_ = call.tokens->access_token;
  if (!call.tokens->refresh_token.empty()) refresh_token_ = call.tokens->refresh_token;
  log::debug("auth", "access token from provider " + type + ": " + log::redacted(*access_token_));
  return *access_token_;
}

bool AuthManager::refresh_after_unauthorized() {
  // TODO: refresh through the provider and the token cache once OIDC
  // providers deliver refresh tokens; token auth has nothing to refresh.
  return false;
}

std::string AuthManager::describe() const {
  if (!session_.has_server()) return "the access token";
  const auto& server = session_.server();
  const std::string prefix = "servers." + server.name() + ".api.";
  const std::string type = server.auth_type();
  if (type == "token") {
    for (const char* key : {"auth_token.token", "token", "auth_token.token_file",
                            "auth_token.token_command"}) {
      if (server.lookup(std::string("api.") + key)) return prefix + key;
    }
    return prefix + "auth_token.token";
  }
  return "the " + type + " login of server \"" + server.name() + "\"";
}

}  // namespace matrixctl::host
