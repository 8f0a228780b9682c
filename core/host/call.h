// The host side of the opaque mctl_call handle: everything a plugin callback
// may ask for, plus the strings and buffers handed to it, which live until
// the callback returns.
#pragma once

#include "../diagnostics.h"
#include "../http/client.h"
#include "../plugins/plugin_registry.h"
#include "session.h"

#include <deque>
#include <list>
#include <map>
#include <optional>
#include <string>
#include <vector>

using ArgumentMap = std::map<std::string, std::vector<std::string>>;

struct HostResponse {
  matrixctl::http::Response response;
  mctl_http_response view{};
};

struct HostList {
  matrixctl::http::ListResult result;
  mctl_list_result view{};
};

struct TokenCopy {
  std::string access_token;
  std::string refresh_token;
  std::string id_token;
  std::string scope;
  int64_t expires_at = 0;
  bool cacheable = false;
};

struct mctl_call {
  matrixctl::host::Session* session = nullptr;
  const matrixctl::plugins::Command* command = nullptr;  // null for auth calls
  const ArgumentMap* args = nullptr;
  std::string plugin_id;
  std::deque<std::string> strings;
  std::list<HostResponse> responses;
  std::list<HostList> lists;
  std::optional<matrixctl::Failure> failure;
  std::optional<TokenCopy> tokens;  // what an auth provider delivered

  // Stores a copy that stays valid until the callback returns.
  const char* keep(std::string text) {
    strings.push_back(std::move(text));
    return strings.back().c_str();
  }
};
