// JSON helpers the plugins share: parse a response object, read a member, serialise.
#pragma once

#include <matrixctl/sdk.hpp>

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <optional>
#include <string>
#include <string_view>

namespace matrixctl::plugin {

// Parses a response body that must be one JSON object. Throws sdk::Error
// (MCTL_ERR_SERVER) with `request` as the subject, e.g.
// "GET /_synapse/admin/v1/server_version".
inline rapidjson::Document parse_object(std::string_view body, const std::string& request) {
  rapidjson::Document document;
  document.Parse(body.data(), body.size());
  if (document.HasParseError() || !document.IsObject()) {
    throw sdk::Error(MCTL_ERR_SERVER, request, "the response is not a JSON object",
                     "check that api.base_url points to the Synapse client listener");
  }
  return document;
}

// The member `key` of `object` when it is a string, else std::nullopt.
inline std::optional<std::string_view> string_member(const rapidjson::Value& object,
                                                     const char* key) {
  const auto member = object.FindMember(key);
  if (member == object.MemberEnd() || !member->value.IsString()) return std::nullopt;
  return std::string_view(member->value.GetString(), member->value.GetStringLength());
}

inline std::string to_json(const rapidjson::Value& value) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  value.Accept(writer);
  return std::string(buffer.GetString(), buffer.GetSize());
}

}  // namespace matrixctl::plugin
