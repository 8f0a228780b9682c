// The host services table that plugins call through the C ABI. Each entry
// turns C arguments into core calls and core exceptions into status codes.
#include "auth.h"
#include "call.h"
#include "session.h"
#include "terminal.h"

#include "../http/ids.h"
#include "../plugins/abi_rules.h"
#include "../log.h"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>

namespace matrixctl::host {
namespace {

std::string text_or(const char* text, const char* fallback = "") {
  return text != nullptr ? text : fallback;
}

mctl_status record(mctl_call* call, const Failure& failure) {
  call->failure = failure;
  return failure.status;
}

// Runs `body`, turning core exceptions into a recorded failure.
template <typename Body>
mctl_status guarded(mctl_call* call, Body&& body) {
  try {
    return body();
  } catch (const Error& error) {
    return record(call, error.failure());
  } catch (const std::exception& error) {
    return record(call, Failure{MCTL_ERR_FAILED, "matrixctl", error.what(),
                                "run with -d for details"});
  }
}

output::Format format_of(mctl_call* call) {
  if (call->args != nullptr && call->args->count("to-json") != 0) return output::Format::kJson;
  return call->session->options().format;
}

const char* h_arg(mctl_call* call, const char* name, uint32_t index) {
  if (call->args == nullptr || name == nullptr) return nullptr;
  const auto found = call->args->find(name);
  if (found == call->args->end() || index >= found->second.size()) return nullptr;
  return found->second[index].c_str();
}

uint32_t h_arg_count(mctl_call* call, const char* name) {
  if (call->args == nullptr || name == nullptr) return 0;
  const auto found = call->args->find(name);
  return found == call->args->end() ? 0 : static_cast<uint32_t>(found->second.size());
}

const char* h_config(mctl_call* call, const char* dotted_key) {
  if (!call->session->has_server() || dotted_key == nullptr) return nullptr;
  const auto value = call->session->server().lookup(dotted_key);
  return value ? call->keep(*value) : nullptr;
}

const char* h_server_name(mctl_call* call) {
  return call->session->has_server() ? call->keep(call->session->server().name()) : "";
}

http::QueryParams query_of(const mctl_query_param* params, uint32_t count) {
  http::QueryParams query;
  for (uint32_t i = 0; i < count; ++i) {
    query.emplace_back(text_or(params[i].key), text_or(params[i].value));
  }
  return query;
}

std::string expand(const char* path, const char* const* args, uint32_t count) {
  std::vector<std::string> values;
  for (uint32_t i = 0; i < count; ++i) values.emplace_back(text_or(args[i]));
  try {
    return http::expand_path(text_or(path), values);
  } catch (const std::invalid_argument& error) {
    throw Error(MCTL_ERR_PLUGIN, "request path " + text_or(path), error.what(),
                "report this as a bug of the plugin");
  }
}

const char* method_name(uint32_t method) {
  switch (method) {
    case MCTL_HTTP_POST: return "POST";
    case MCTL_HTTP_PUT: return "PUT";
    case MCTL_HTTP_DELETE: return "DELETE";
    default: return "GET";
  }
}

mctl_status h_http(mctl_call* call, const mctl_http_request* raw,
                   const mctl_http_response** response) {
  return guarded(call, [&] {
    mctl_http_request request{};
    plugins::read_declared(raw, request);
    http::ApiRequest api;
    api.method = method_name(request.method);
    api.absolute_url = (request.flags & MCTL_HTTP_ABSOLUTE_URL) != 0;
    api.path = api.absolute_url ? text_or(request.path)
                                : expand(request.path, request.path_args, request.path_arg_count);
    api.query = query_of(request.query, request.query_count);
    if (request.body != nullptr) {
      api.body.assign(request.body, request.body_size);
      api.has_body = true;
    }
    api.content_type = text_or(request.content_type);
    api.send_auth = (request.flags & MCTL_HTTP_NO_AUTH) == 0;
    api.retry_rate_limited = (request.flags & MCTL_HTTP_NO_RETRY) == 0;
    api.timeout_ms = static_cast<long>(request.timeout_ms);
    for (uint32_t i = 0; i < request.header_count; ++i) api.headers.emplace_back(request.headers[i]);

    auto& client = call->session->client();
    http::Response answer = client.send(api);
    if (answer.status >= 400 && (request.flags & MCTL_HTTP_RAW_ERRORS) == 0) {
      return record(call, client.describe_failure(api, answer));
    }
    auto& held = call->responses.emplace_back();
    held.response = std::move(answer);
    held.view.struct_size = sizeof held.view;
    held.view.status = static_cast<int32_t>(held.response.status);
    held.view.body = held.response.body.c_str();
    held.view.body_size = held.response.body.size();
    held.view.content_type =
        held.response.content_type.empty() ? nullptr : held.response.content_type.c_str();
    *response = &held.view;
    return MCTL_OK;
  });
}

void h_http_release(mctl_call* call, const mctl_http_response* response) {
  call->responses.remove_if([response](const HostResponse& held) { return &held.view == response; });
}

mctl_status h_list(mctl_call* call, const mctl_list_request* raw, const mctl_list_result** result) {
  return guarded(call, [&] {
    mctl_list_request request{};
    plugins::read_declared(raw, request);
    http::ListRequest list;
    list.path = expand(request.path, request.path_args, request.path_arg_count);
    list.query = query_of(request.query, request.query_count);
    list.items_key = text_or(request.items_key);
    list.next_key = text_or(request.next_key, "next_token");
    list.total_key = text_or(request.total_key);
    list.page_size = request.page_size == 0 ? 100 : request.page_size;
    list.max_items = request.max_items;
    auto& held = call->lists.emplace_back();
    held.result = call->session->client().list(list);
    held.view.struct_size = sizeof held.view;
    held.view.items_json = held.result.items_json.c_str();
    held.view.items_json_size = held.result.items_json.size();
    held.view.item_count = held.result.item_count;
    held.view.server_total = held.result.server_total;
    *result = &held.view;
    return MCTL_OK;
  });
}

mctl_status h_access_token(mctl_call* call, const char** token) {
  return guarded(call, [&] {
    *token = call->keep(call->session->auth().access_token());
    return MCTL_OK;
  });
}

std::vector<output::Column> columns_of(const mctl_column* raw, uint32_t count) {
  std::vector<output::Column> columns;
  if (raw == nullptr) return columns;
  const uint32_t stride = raw[0].struct_size;
  for (uint32_t i = 0; i < count; ++i) {
    mctl_column column{};
    plugins::read_declared(plugins::element_at(raw, stride, i), column);
    columns.push_back({text_or(column.key), text_or(column.header), column.format});
  }
  return columns;
}

mctl_status h_output_table(mctl_call* call, const char* items_json, const mctl_column* columns,
                           uint32_t column_count, const char* footer) {
  return guarded(call, [&] {
    output::print_table(stdout, format_of(call), text_or(items_json, "[]"),
                        columns_of(columns, column_count), text_or(footer));
    return MCTL_OK;
  });
}

mctl_status h_output_record(mctl_call* call, const char* object_json, const mctl_column* fields,
                            uint32_t field_count, const char* title) {
  return guarded(call, [&] {
    output::print_record(stdout, format_of(call), text_or(object_json, "{}"),
                         columns_of(fields, field_count), text_or(title));
    return MCTL_OK;
  });
}

void h_output_text(mctl_call* call, const char* line) {
  if (format_of(call) != output::Format::kTable) return;
  std::printf("%s\n", text_or(line).c_str());
}

const char* h_output_format(mctl_call* call) { return output::format_name(format_of(call)); }

void require_input(mctl_call* call, const std::string& text) {
  if (call->session->options().no_input) {
    throw Error(MCTL_ERR_USAGE, "prompt \"" + text + "\"",
                "input is needed but --no-input was given",
                "pass the answer as an option instead (see the command's --help, for example "
                "--password-stdin or --yes)");
  }
}

mctl_status h_prompt(mctl_call* call, const char* text, uint32_t flags, const char** answer) {
  return guarded(call, [&] {
    require_input(call, text_or(text));
    std::fflush(stdout);
    *answer = call->keep(read_line(text_or(text), (flags & MCTL_PROMPT_SECRET) != 0));
    return MCTL_OK;
  });
}

mctl_status h_confirm(mctl_call* call, const char* text, int32_t* yes) {
  return guarded(call, [&] {
    require_input(call, text_or(text));
    std::fflush(stdout);
    *yes = ask_yes_no(text_or(text)) ? 1 : 0;
    return MCTL_OK;
  });
}

void h_log(mctl_call* call, int32_t level, const char* category, const char* message) {
  const std::string where = text_or(category, call->plugin_id.c_str());
  switch (level) {
    case MCTL_LOG_ERROR:
      std::fprintf(stderr, "matrixctl: error: %s\n", text_or(message).c_str());
      break;
    case MCTL_LOG_WARNING:
      warn(text_or(message));
      break;
    case MCTL_LOG_INFO:
      std::fprintf(stderr, "%s\n", text_or(message).c_str());
      break;
    default:
      log::debug(where, text_or(message));
  }
}

int32_t h_cancelled(mctl_call*) { return g_cancelled ? 1 : 0; }

mctl_status h_fail(mctl_call* call, mctl_status status, const char* subject, const char* reason,
                   const char* hint) {
  if (status == MCTL_OK) status = MCTL_ERR_FAILED;
  return record(call, Failure{status, text_or(subject), text_or(reason, "failed"), text_or(hint)});
}

std::string expand_home(const std::string& path) {
  if (path.rfind("~/", 0) == 0) {
    if (const char* home = std::getenv("HOME")) return std::string(home) + path.substr(1);
  }
  return path;
}

mctl_status h_read_file(mctl_call* call, const char* path, const char** content) {
  return guarded(call, [&] {
    const std::string file = expand_home(text_or(path));
    std::ifstream in(file, std::ios::binary);
    if (!in) {
      throw Error(MCTL_ERR_CONFIG, file, "cannot be read: " + std::string(std::strerror(errno)),
                  "check the path and its permissions");
    }
    std::ostringstream buffer;
    buffer << in.rdbuf();
    *content = call->keep(buffer.str());
    return MCTL_OK;
  });
}

const char* h_user_id(mctl_call* call, const char* user) {
  std::string id = text_or(user);
  if (!id.empty() && id[0] == '@') id.erase(0, 1);
  if (id.find(':') == std::string::npos && call->session->has_server()) {
    id += ":" + call->session->server().domain();
  }
  return call->keep("@" + id);
}

mctl_status h_auth_login(mctl_call* call, const char* flow) {
  return guarded(call, [&] {
    call->session->auth().login(text_or(flow));
    return MCTL_OK;
  });
}

mctl_status h_auth_logout(mctl_call* call) {
  return guarded(call, [&] {
    call->session->auth().logout();
    return MCTL_OK;
  });
}

mctl_status h_auth_info(mctl_call* call, const char** json) {
  return guarded(call, [&] {
    *json = call->keep(call->session->auth().info_json());
    return MCTL_OK;
  });
}

const mctl_host_api kHostApi = {
    sizeof(mctl_host_api),
    MCTL_ABI_MAJOR,
    MCTL_ABI_MINOR,
    h_arg,
    h_arg_count,
    h_config,
    h_server_name,
    h_http,
    h_http_release,
    h_list,
    h_access_token,
    h_output_table,
    h_output_record,
    h_output_text,
    h_output_format,
    h_prompt,
    h_confirm,
    h_log,
    h_cancelled,
    h_fail,
    h_read_file,
    h_user_id,
    h_auth_login,
    h_auth_logout,
    h_auth_info,
};

}  // namespace

const mctl_host_api* host_api() { return &kHostApi; }

}  // namespace matrixctl::host
