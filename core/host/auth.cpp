// Token acquisition, caching and refresh through auth-provider plugins.
#include "auth.h"

#include "../log.h"
#include "../plugins/abi_rules.h"
#include "call.h"
#include "session.h"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <ctime>

namespace matrixctl::host {
namespace {

int64_t now() { return static_cast<int64_t>(std::time(nullptr)); }

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

// The values the core passes to auth providers as args (see sdk.h).
ArgumentMap provider_args(const Session& session, const std::string& flow) {
  ArgumentMap args;
  if (!flow.empty()) args["flow"] = {flow};
  if (session.options().no_browser) args["no-browser"] = {"1"};
  if (session.options().no_input) args["no-input"] = {"1"};
  return args;
}

}  // namespace

AuthManager::AuthManager(Session& session) : session_(session) {}

// The cache lock, taken once per process: flock() on a second descriptor
// of the same file would wait for this process itself.
AuthManager::HeldLock::HeldLock(AuthManager& manager) : manager_(manager) {
  if (manager_.held_lock_) return;
  lock_.emplace(manager_.cache().file());
  manager_.held_lock_ = true;
}

AuthManager::HeldLock::~HeldLock() {
  if (lock_) manager_.held_lock_ = false;
}
AuthManager::~AuthManager() = default;

const plugins::AuthProvider& AuthManager::provider() {
  if (provider_ != nullptr) return *provider_;
  const std::string type = session_.server().auth_type();
  provider_ = session_.registry().find_auth_provider(type);
  if (provider_ == nullptr) {
    std::string known;
    for (const auto& name : session_.registry().auth_provider_names()) {
      known += known.empty() ? name : ", " + name;
    }
    throw Error(MCTL_ERR_CONFIG, "servers." + session_.server().name() + ".api.auth_type",
                "no installed auth provider handles \"" + type + "\" (installed: " +
                    (known.empty() ? "none" : known) + ")",
                "set auth_type to one of them or install the plugin that provides it");
  }
  session_.registry().initialise(*provider_->plugin, host_api());
  return *provider_;
}

auth::CacheKey AuthManager::cache_key() const {
  const auto& server = session_.server();
  auth::CacheKey key;
  key.server = server.name();
  key.base_url = server.base_url();
  key.auth_type = server.auth_type();
  for (const char* issuer_key : {"api.auth_oidc.issuer", "api.auth_oidc.discovery_endpoint",
                                 "api.auth_oidc.token_endpoint"}) {
    if (key.auth_type != "oidc" && key.auth_type != "client_credentials") break;
    if (const auto value = server.lookup(issuer_key)) {
      key.issuer = *value;
      // A discovery URL names its issuer: the part before the well-known path.
      const std::string well_known = "/.well-known/openid-configuration";
      if (key.issuer.size() > well_known.size() &&
          key.issuer.compare(key.issuer.size() - well_known.size(), well_known.size(),
                             well_known) == 0) {
        key.issuer.erase(key.issuer.size() - well_known.size());
      }
      break;
    }
  }
  if (key.auth_type == "password") {
    key.client_id = server.lookup("api.auth_password.username").value_or("");
  } else {
    key.client_id = server.lookup("api.auth_oidc.client_id").value_or("");
  }
  return key;
}

auth::TokenCache& AuthManager::cache() {
  if (!cache_) cache_.emplace(auth::default_cache_path());
  return *cache_;
}

// A token is refreshed a little before it expires, so that a request does
// not leave with a token that expires on the way: 60 s, or a fifth of the
// token's lifetime for short-lived tokens.
bool AuthManager::usable(const auth::CachedTokens& tokens) const {
  if (tokens.access_token.empty()) return false;
  if (tokens.expires_at == 0) return true;
  int64_t margin = 60;
  if (tokens.obtained_at > 0 && tokens.expires_at > tokens.obtained_at) {
    margin = std::min<int64_t>(margin, (tokens.expires_at - tokens.obtained_at) / 5);
  }
  return tokens.expires_at - margin > now();
}

void AuthManager::adopt(const TokenCopy& tokens) {
  const auto key = cache_key();
  auth::CachedTokens entry;
  entry.server = key.server;
  entry.base_url = key.base_url;
  entry.auth_type = key.auth_type;
  entry.issuer = key.issuer;
  entry.client_id = key.client_id;
  entry.access_token = tokens.access_token;
  entry.refresh_token = tokens.refresh_token;
  entry.id_token = tokens.id_token;
  entry.scope = tokens.scope;
  entry.expires_at = tokens.expires_at;
  entry.obtained_at = now();
  cacheable_ = tokens.cacheable;
  // store() replaces the whole file, so writers take turns.
  if (cacheable_) {
    HeldLock lock(*this);
    cache().store(key, entry);
  }
  current_ = std::move(entry);
  log::debug("auth", "access token from provider " + key.auth_type + ": " +
                         log::redacted(current_->access_token) +
                         (cacheable_ ? " (cached)" : " (not cached)"));
}

void AuthManager::acquire(const std::string& flow) {
  const auto& chosen = provider();
  const ArgumentMap args = provider_args(session_, flow);
  mctl_call call;
  call.session = &session_;
  call.args = &args;
  call.plugin_id = chosen.plugin->id;
  const mctl_status status = chosen.desc.acquire(chosen.plugin->state, &call, receive_tokens);
  if (status != MCTL_OK || !call.tokens) {
    if (call.failure) throw Error(*call.failure);
    throw Error(MCTL_ERR_AUTH, std::string("auth provider ") + chosen.desc.name,
                "it failed with status " + std::to_string(status) + " without a message",
                "run with -d for details");
  }
  adopt(*call.tokens);
}

bool AuthManager::refresh(const std::string& refresh_token) {
  const auto& chosen = provider();
  if (chosen.desc.refresh == nullptr) return false;
  const ArgumentMap args = provider_args(session_, {});
  mctl_call call;
  call.session = &session_;
  call.args = &args;
  call.plugin_id = chosen.plugin->id;
  log::debug("auth", "refreshing the access token of server " + session_.server().name());
  const mctl_status status =
      chosen.desc.refresh(chosen.plugin->state, &call, refresh_token.c_str(), receive_tokens);
  if (status == MCTL_ERR_REAUTH) {
    log::debug("auth", "the refresh token was rejected; dropping the cached tokens");
    cache().remove(cache_key());
    current_.reset();
    return false;
  }
  if (status != MCTL_OK || !call.tokens) {
    if (call.failure) throw Error(*call.failure);
    throw Error(MCTL_ERR_AUTH, "token refresh", "failed with status " + std::to_string(status),
                "run matrixctl -S " + session_.server().name() + " auth login");
  }
  TokenCopy copy = *call.tokens;
  // Providers that do not rotate refresh tokens send none back.
  if (copy.refresh_token.empty()) copy.refresh_token = refresh_token;
  adopt(copy);
  return true;
}

std::string AuthManager::access_token() {
  if (current_ && usable(*current_)) return current_->access_token;
  const auto key = cache_key();
  if (!current_) {
    if (auto cached = cache().load(key); cached && usable(*cached)) {
      log::debug("auth", "using the cached access token " + log::redacted(cached->access_token));
      cacheable_ = true;
      current_ = std::move(cached);
      return current_->access_token;
    }
  }
  // Only one process at a time refreshes; the others wait, then find the
  // rotated tokens in the cache. An interactive login runs without the
  // lock, so a second login fails at once on the busy callback port
  // instead of waiting behind the first.
  {
    std::optional<HeldLock> lock;
    if (provider().desc.refresh != nullptr || cache().load(key)) lock.emplace(*this);
    auto cached = cache().load(key);
    if (cached && usable(*cached)) {
      log::debug("auth", "another process rotated the tokens; using them");
      cacheable_ = true;
      current_ = std::move(cached);
      return current_->access_token;
    }
    if (cached && !cached->refresh_token.empty()) {
      if (refresh(cached->refresh_token)) return current_->access_token;
      if (session_.options().no_input) {
        throw Error(MCTL_ERR_AUTH, "server \"" + session_.server().name() + "\"",
                    "the provider rejected the cached refresh token (the session ended or was "
                    "revoked), and --no-input forbids a new login",
                    "log in again: matrixctl -S " + session_.server().name() + " auth login");
      }
    }
  }
  acquire({});
  return current_->access_token;
}

bool AuthManager::refresh_after_unauthorized() {
  if (!current_ || !cacheable_ || provider().desc.refresh == nullptr) return false;
  const std::string rejected = current_->access_token;
  {
    HeldLock lock(*this);
    auto cached = cache().load(cache_key());
    if (cached && cached->access_token != rejected && usable(*cached)) {
      current_ = std::move(cached);
      return true;
    }
    const std::string refresh_token = cached && !cached->refresh_token.empty()
                                          ? cached->refresh_token
                                          : current_->refresh_token;
    if (!refresh_token.empty() && refresh(refresh_token)) return true;
  }
  acquire({});
  return true;
}

void AuthManager::login(const std::string& flow) {
  if (session_.options().no_input) {
    throw Error(MCTL_ERR_USAGE, "auth login", "a login needs interaction, but --no-input was given",
                "run it without --no-input");
  }
  current_.reset();
  acquire(flow);
}

void AuthManager::logout() {
  const auto key = cache_key();
  HeldLock lock(*this);
  const auto cached = cache().load(key);
  if (cached) {
    const auto& chosen = provider();
    if (chosen.desc.struct_size > offsetof(mctl_auth_provider_desc, revoke) &&
        chosen.desc.revoke != nullptr) {
      const ArgumentMap args = provider_args(session_, {});
      mctl_call call;
      call.session = &session_;
      call.args = &args;
      call.plugin_id = chosen.plugin->id;
      const mctl_status status = chosen.desc.revoke(
          chosen.plugin->state, &call,
          cached->refresh_token.empty() ? nullptr : cached->refresh_token.c_str(),
          cached->access_token.empty() ? nullptr : cached->access_token.c_str());
      if (status != MCTL_OK) {
        warn("revoking the tokens at the provider failed" +
             (call.failure ? ": " + call.failure->reason : std::string()) +
             "; the cached tokens are removed anyway");
      }
    }
    cache().remove(key);
  }
  current_.reset();
}

std::string AuthManager::info_json() {
  const auto key = cache_key();
  const auto cached = cache().load(key);
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  writer.StartObject();
  writer.Key("server");
  writer.String(key.server.c_str());
  writer.Key("base_url");
  writer.String(key.base_url.c_str());
  writer.Key("auth_type");
  writer.String(key.auth_type.c_str());
  writer.Key("issuer");
  key.issuer.empty() ? writer.Null() : writer.String(key.issuer.c_str());
  writer.Key("client_id");
  key.client_id.empty() ? writer.Null() : writer.String(key.client_id.c_str());
  writer.Key("cached");
  writer.Bool(cached.has_value());
  writer.Key("expires_at");
  if (cached && cached->expires_at != 0) {
    writer.Int64(cached->expires_at);
  } else {
    writer.Null();
  }
  writer.Key("expired");
  writer.Bool(cached && cached->expires_at != 0 && cached->expires_at <= now());
  writer.Key("scope");
  cached && !cached->scope.empty() ? writer.String(cached->scope.c_str()) : writer.Null();
  writer.Key("has_refresh_token");
  writer.Bool(cached && !cached->refresh_token.empty());
  writer.Key("cache_file");
  writer.String(cache().file().c_str());
  writer.EndObject();
  return {buffer.GetString(), buffer.GetSize()};
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
  return "the " + type + " login of server \"" + server.name() + "\" (matrixctl -S " +
         server.name() + " auth login)";
}

}  // namespace matrixctl::host

namespace matrixctl::host {

std::string AuthManager::forbidden_hint() const {
  if (!session_.has_server()) return {};
  const std::string type = session_.server().auth_type();
  const std::string login = "matrixctl -S " + session_.server().name() + " auth login";
  if (type == "password") {
    return "log in as a server admin; if the server delegates auth to MAS, password logins "
           "never get the admin scope urn:synapse:admin:*, so use auth_type: oidc";
  }
  if (type == "oidc") {
    return "log in as a user with can_request_admin in MAS (mas-cli manage promote-admin "
           "<username>), then run " + login;
  }
  if (type == "client_credentials") {
    return "client credentials tokens have no user, which Synapse's Admin API does not "
           "accept; use auth_type: oidc for Synapse commands";
  }
  return {};
}

}  // namespace matrixctl::host
