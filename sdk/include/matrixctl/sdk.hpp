// Header-only C++17 wrapper over the matrixctl C ABI (sdk.h) for plugin
// authors: commands as classes, std::string_view in, and exceptions turned
// into status codes at the boundary. Nothing from this header crosses the
// ABI, because the host reads only the C structs.
#ifndef MATRIXCTL_SDK_HPP
#define MATRIXCTL_SDK_HPP

#include <matrixctl/sdk.h>

#include <cstdint>
#include <exception>
#include <initializer_list>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace matrixctl::sdk {

// The host table this plugin received at init. One per plugin library,
// because plugins are loaded with local symbols.
inline const mctl_host_api* g_host = nullptr;

// Thrown by plugin code to report "<subject>: <reason>; <hint>".
class Error : public std::runtime_error {
 public:
  Error(mctl_status status, std::string subject, std::string reason, std::string hint = {})
      : std::runtime_error(reason),
        status_(status),
        subject_(std::move(subject)),
        reason_(std::move(reason)),
        hint_(std::move(hint)) {}

  mctl_status status() const noexcept { return status_; }
  const std::string& subject() const noexcept { return subject_; }
  const std::string& reason() const noexcept { return reason_; }
  const std::string& hint() const noexcept { return hint_; }

 private:
  mctl_status status_;
  std::string subject_;
  std::string reason_;
  std::string hint_;
};

// Thrown when a host call already reported its error (for example an HTTP
// failure); the boundary returns the status without reporting again.
class Reported : public std::exception {
 public:
  explicit Reported(mctl_status status) : status_(status) {}
  mctl_status status() const noexcept { return status_; }
  const char* what() const noexcept override { return "error already reported"; }

 private:
  mctl_status status_;
};

// ---- Descriptor builders (constexpr, so descriptors are static data) ----

constexpr mctl_option_desc flag(const char* name, char short_name, const char* help) {
  return {sizeof(mctl_option_desc), name, short_name, MCTL_OPT_FLAG, nullptr, help, nullptr};
}

constexpr mctl_option_desc option(const char* name, char short_name, const char* value_name,
                                  const char* help, const char* default_value = nullptr,
                                  uint32_t flags = 0) {
  return {sizeof(mctl_option_desc), name, short_name, flags, value_name, help, default_value};
}

constexpr mctl_option_desc positional(const char* name, const char* help, bool required,
                                      const char* default_value = nullptr) {
  return {sizeof(mctl_option_desc), name, 0,
          MCTL_OPT_POSITIONAL | (required ? MCTL_OPT_REQUIRED : 0u), name, help, default_value};
}

constexpr mctl_column column(const char* key, const char* header,
                             uint32_t format = MCTL_FMT_TEXT) {
  return {sizeof(mctl_column), key, header, format};
}

// ---- The view of one call that commands work with ----

struct HttpResponse {
  int32_t status = 0;
  std::string_view body;
  std::string_view content_type;
};

struct ListResult {
  std::string_view items_json;
  uint64_t item_count = 0;
  uint64_t server_total = 0;
};

using Query = std::vector<std::pair<std::string, std::string>>;

class Call {
 public:
  explicit Call(mctl_call* call) : call_(call) {}

  mctl_call* raw() const { return call_; }

  // Value of an option, std::nullopt when absent.
  std::optional<std::string_view> arg(const char* name, uint32_t index = 0) const {
    const char* value = g_host->arg(call_, name, index);
    if (value == nullptr) return std::nullopt;
    return std::string_view(value);
  }
  bool flag(const char* name) const { return g_host->arg(call_, name, 0) != nullptr; }
  uint32_t arg_count(const char* name) const { return g_host->arg_count(call_, name); }

  std::optional<std::string_view> config(const char* dotted_key) const {
    const char* value = g_host->config(call_, dotted_key);
    if (value == nullptr) return std::nullopt;
    return std::string_view(value);
  }
  std::string_view server_name() const { return g_host->server_name(call_); }

  // Full MXID of the selected server for a localpart or MXID.
  std::string user_id(std::string_view user) const {
    std::string copy(user);
    return g_host->user_id(call_, copy.c_str());
  }

  // Sends a request; "{}" in `path` takes the next `path_args` entry,
  // percent-encoded. Throws Reported when the host reported a failure.
  HttpResponse http(uint32_t method, const char* path, std::initializer_list<std::string> path_args,
                    const Query& query = {}, const std::string* body = nullptr,
                    uint32_t flags = 0) const {
    std::vector<const char*> args;
    for (const auto& a : path_args) args.push_back(a.c_str());
    std::vector<mctl_query_param> params;
    for (const auto& [key, value] : query) params.push_back({key.c_str(), value.c_str()});
    mctl_http_request request{};
    request.struct_size = sizeof request;
    request.method = method;
    request.path = path;
    request.path_args = args.data();
    request.path_arg_count = static_cast<uint32_t>(args.size());
    request.query = params.data();
    request.query_count = static_cast<uint32_t>(params.size());
    if (body != nullptr) {
      request.body = body->data();
      request.body_size = body->size();
    }
    request.flags = flags;
    const mctl_http_response* response = nullptr;
    const mctl_status status = g_host->http(call_, &request, &response);
    if (status != MCTL_OK) throw Reported(status);
    HttpResponse out;
    out.status = response->status;
    out.body = std::string_view(response->body, response->body_size);
    if (response->content_type != nullptr) out.content_type = response->content_type;
    return out;
  }

  // Follows a paginated Admin API list to the end (or max_items).
  ListResult list(const char* path, std::initializer_list<std::string> path_args,
                  const Query& query, const char* items_key, const char* next_key,
                  const char* total_key, uint64_t max_items = 0) const {
    std::vector<const char*> args;
    for (const auto& a : path_args) args.push_back(a.c_str());
    std::vector<mctl_query_param> params;
    for (const auto& [key, value] : query) params.push_back({key.c_str(), value.c_str()});
    mctl_list_request request{};
    request.struct_size = sizeof request;
    request.path = path;
    request.path_args = args.data();
    request.path_arg_count = static_cast<uint32_t>(args.size());
    request.query = params.data();
    request.query_count = static_cast<uint32_t>(params.size());
    request.items_key = items_key;
    request.next_key = next_key;
    request.total_key = total_key;
    request.max_items = max_items;
    const mctl_list_result* result = nullptr;
    const mctl_status status = g_host->list(call_, &request, &result);
    if (status != MCTL_OK) throw Reported(status);
    return {std::string_view(result->items_json, result->items_json_size), result->item_count,
            result->server_total};
  }

  void table(const std::string& items_json, std::initializer_list<mctl_column> columns,
             const std::string& footer = {}) const {
    std::vector<mctl_column> cols(columns);
    check(g_host->output_table(call_, items_json.c_str(), cols.data(),
                               static_cast<uint32_t>(cols.size()),
                               footer.empty() ? nullptr : footer.c_str()));
  }
  void record(const std::string& object_json, std::initializer_list<mctl_column> fields,
              const std::string& title = {}) const {
    std::vector<mctl_column> cols(fields);
    check(g_host->output_record(call_, object_json.c_str(), cols.empty() ? nullptr : cols.data(),
                                static_cast<uint32_t>(cols.size()),
                                title.empty() ? nullptr : title.c_str()));
  }
  void text(const std::string& line) const { g_host->output_text(call_, line.c_str()); }
  std::string_view output_format() const { return g_host->output_format(call_); }

  std::string prompt(const std::string& text, bool secret = false) const {
    const char* answer = nullptr;
    check(g_host->prompt(call_, text.c_str(), secret ? MCTL_PROMPT_SECRET : 0u, &answer));
    return answer != nullptr ? std::string(answer) : std::string();
  }
  bool confirm(const std::string& text) const {
    int32_t yes = 0;
    check(g_host->confirm(call_, text.c_str(), &yes));
    return yes != 0;
  }

  void log(int32_t level, const char* category, const std::string& message) const {
    g_host->log(call_, level, category, message.c_str());
  }
  void debug(const char* category, const std::string& message) const {
    log(MCTL_LOG_DEBUG, category, message);
  }
  void warning(const char* category, const std::string& message) const {
    log(MCTL_LOG_WARNING, category, message);
  }
  bool cancelled() const { return g_host->cancelled(call_) != 0; }

  // Token cache of the selected server (see sdk.h).
  void auth_login(const char* flow = nullptr) const { check(g_host->auth_login(call_, flow)); }
  void auth_logout() const { check(g_host->auth_logout(call_)); }
  std::string auth_info() const {
    const char* json = nullptr;
    check(g_host->auth_info(call_, &json));
    return json != nullptr ? std::string(json) : std::string("{}");
  }
  std::string access_token() const {
    const char* token = nullptr;
    check(g_host->access_token(call_, &token));
    return token != nullptr ? std::string(token) : std::string();
  }

  std::string read_file(const std::string& path) const {
    const char* content = nullptr;
    check(g_host->read_file(call_, path.c_str(), &content));
    return content != nullptr ? std::string(content) : std::string();
  }

  // Reports a failure and returns its status, for `return call.fail(...)`.
  mctl_status fail(mctl_status status, const std::string& subject, const std::string& reason,
                   const std::string& hint = {}) const {
    return g_host->fail(call_, status, subject.c_str(), reason.c_str(),
                        hint.empty() ? nullptr : hint.c_str());
  }

 private:
  static void check(mctl_status status) {
    if (status != MCTL_OK) throw Reported(status);
  }

  mctl_call* call_;
};

// ---- Boundary: exceptions become status codes here ----

template <typename Body>
mctl_status guarded(mctl_call* call, Body&& body) noexcept {
  try {
    return body();
  } catch (const Reported& reported) {
    return reported.status();
  } catch (const Error& error) {
    return g_host->fail(call, error.status(), error.subject().c_str(), error.reason().c_str(),
                        error.hint().empty() ? nullptr : error.hint().c_str());
  } catch (const std::exception& error) {
    return g_host->fail(call, MCTL_ERR_PLUGIN, "plugin", error.what(),
                        "report this as a bug of the plugin");
  } catch (...) {
    return g_host->fail(call, MCTL_ERR_PLUGIN, "plugin", "unknown exception",
                        "report this as a bug of the plugin");
  }
}

// A command is a default-constructible class with
// `mctl_status run(matrixctl::sdk::Call&)`.
template <typename CommandClass>
mctl_status run_command(void* /*plugin_state*/, mctl_call* call) {
  return guarded(call, [call] {
    Call view(call);
    CommandClass command;
    return command.run(view);
  });
}

template <typename CommandClass, std::size_t N>
constexpr mctl_command_desc command(const char* name, const char* group, const char* summary,
                                    const mctl_option_desc (&options)[N],
                                    const char* usage = nullptr) {
  return {sizeof(mctl_command_desc), name, group, summary, options,
          static_cast<uint32_t>(N), &run_command<CommandClass>, usage};
}

template <typename CommandClass>
constexpr mctl_command_desc command(const char* name, const char* group, const char* summary,
                                    const char* usage = nullptr) {
  return {sizeof(mctl_command_desc), name, group, summary, nullptr, 0,
          &run_command<CommandClass>, usage};
}

// Token set an auth provider returns; converted to mctl_token_set for the host.
struct Tokens {
  std::string access_token;
  std::string refresh_token;
  std::string id_token;
  std::string scope;
  int64_t expires_at = 0;
  bool cacheable = false;
};

inline mctl_status deliver(mctl_call* call, mctl_token_sink_fn sink, const Tokens& tokens) {
  mctl_token_set set{};
  set.struct_size = sizeof set;
  set.access_token = tokens.access_token.c_str();
  set.refresh_token = tokens.refresh_token.empty() ? nullptr : tokens.refresh_token.c_str();
  set.id_token = tokens.id_token.empty() ? nullptr : tokens.id_token.c_str();
  set.scope = tokens.scope.empty() ? nullptr : tokens.scope.c_str();
  set.expires_at = tokens.expires_at;
  set.cacheable = tokens.cacheable ? 1u : 0u;
  return sink(call, &set);
}

// An auth provider is a default-constructible class with
// `Tokens acquire(Call&)` and, optionally, `Tokens refresh(Call&, std::string_view)`.
template <typename Provider>
mctl_status acquire_tokens(void* /*plugin_state*/, mctl_call* call, mctl_token_sink_fn sink) {
  return guarded(call, [call, sink] {
    Call view(call);
    Provider provider;
    return deliver(call, sink, provider.acquire(view));
  });
}

template <typename Provider>
mctl_status refresh_tokens(void* /*plugin_state*/, mctl_call* call, const char* refresh_token,
                           mctl_token_sink_fn sink) {
  return guarded(call, [call, sink, refresh_token] {
    Call view(call);
    Provider provider;
    return deliver(call, sink, provider.refresh(view, refresh_token));
  });
}

template <typename Provider>
mctl_status revoke_tokens(void* /*plugin_state*/, mctl_call* call, const char* refresh_token,
                          const char* access_token) {
  return guarded(call, [call, refresh_token, access_token] {
    Call view(call);
    Provider provider;
    provider.revoke(view, refresh_token != nullptr ? refresh_token : "",
                    access_token != nullptr ? access_token : "");
    return MCTL_OK;
  });
}

// Descriptor of a provider without refresh tokens (a fixed token).
template <typename Provider>
constexpr mctl_auth_provider_desc auth_provider(const char* name, const char* summary) {
  return {sizeof(mctl_auth_provider_desc), name, summary, &acquire_tokens<Provider>, nullptr,
          nullptr};
}

// Descriptor of a provider whose class also has
// `Tokens refresh(Call&, std::string_view refresh_token)` (throwing
// sdk::Error with MCTL_ERR_REAUTH on invalid_grant) and
// `void revoke(Call&, std::string_view refresh_token, std::string_view access_token)`.
template <typename Provider>
constexpr mctl_auth_provider_desc refreshing_auth_provider(const char* name,
                                                           const char* summary) {
  return {sizeof(mctl_auth_provider_desc), name, summary, &acquire_tokens<Provider>,
          &refresh_tokens<Provider>, &revoke_tokens<Provider>};
}

// Default init: keeps the host table for Call; a plugin with its own state
// writes its own init.
inline mctl_status keep_host(const mctl_host_api* host, void** state) {
  if (host == nullptr || host->struct_size < sizeof(mctl_host_api)) {
    // The wrapper calls every entry of the table, so it needs a host at
    // least as new as the SDK it was built with.
    return MCTL_ERR_PLUGIN;
  }
  g_host = host;
  *state = nullptr;
  return MCTL_OK;
}

}  // namespace matrixctl::sdk

// Defines the exported entry symbol returning `descriptor`.
#define MATRIXCTL_PLUGIN(descriptor)                                             \
  extern "C" MCTL_EXPORT const mctl_plugin_desc* matrixctl_plugin_v1(void) { \
    return &(descriptor);                                                        \
  }

#endif  // MATRIXCTL_SDK_HPP
