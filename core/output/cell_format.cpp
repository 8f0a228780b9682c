// Cell formatting for table output.
#include "cell_format.h"

#include <matrixctl/sdk.h>

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <cinttypes>
#include <cstdio>
#include <ctime>

namespace matrixctl::output {
namespace {

std::string utc_time(int64_t seconds) {
  const std::time_t time = static_cast<std::time_t>(seconds);
  std::tm parts{};
  if (gmtime_r(&time, &parts) == nullptr) return std::to_string(seconds);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%d %H:%M:%S", &parts);
  return text;
}

std::string human_size(double bytes) {
  static const char* const kUnits[] = {"B", "kB", "MB", "GB", "TB"};
  int unit = 0;
  while (bytes >= 1024.0 && unit < 4) {
    bytes /= 1024.0;
    ++unit;
  }
  char text[32];
  std::snprintf(text, sizeof text, unit == 0 ? "%.0f %s" : "%.2f %s", bytes, kUnits[unit]);
  return text;
}

std::string plain(const rapidjson::Value& value) {
  if (value.IsString()) return {value.GetString(), value.GetStringLength()};
  if (value.IsBool()) return value.GetBool() ? "Yes" : "No";
  if (value.IsInt64()) return std::to_string(value.GetInt64());
  if (value.IsUint64()) return std::to_string(value.GetUint64());
  if (value.IsNumber()) {
    char text[32];
    std::snprintf(text, sizeof text, "%g", value.GetDouble());
    return text;
  }
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  value.Accept(writer);
  return {buffer.GetString(), buffer.GetSize()};
}

}  // namespace

std::string format_cell(const rapidjson::Value* value, uint32_t format) {
  if (value == nullptr || value->IsNull()) return "-";
  switch (format) {
    case MCTL_FMT_YES_NO:
      if (value->IsBool()) return value->GetBool() ? "Yes" : "No";
      if (value->IsNumber()) return value->GetDouble() != 0 ? "Yes" : "No";
      break;
    case MCTL_FMT_LOCALPART:
      if (value->IsString()) {
        std::string id(value->GetString(), value->GetStringLength());
        if (!id.empty() && id[0] == '@') id.erase(0, 1);
        const auto colon = id.find(':');
        if (colon != std::string::npos) id.erase(colon);
        return id;
      }
      break;
    case MCTL_FMT_TIME_MS:
      if (value->IsNumber()) {
        if (value->GetDouble() == 0) return "-";
        return utc_time(static_cast<int64_t>(value->GetDouble() / 1000));
      }
      break;
    case MCTL_FMT_TIME_S:
      if (value->IsNumber()) {
        if (value->GetDouble() == 0) return "-";
        return utc_time(static_cast<int64_t>(value->GetDouble()));
      }
      break;
    case MCTL_FMT_SIZE:
      if (value->IsNumber()) return human_size(value->GetDouble());
      break;
    default:
      break;
  }
  return plain(*value);
}

std::size_t display_width(const std::string& text) {
  std::size_t width = 0;
  for (unsigned char c : text) {
    if ((c & 0xC0) != 0x80) ++width;
  }
  return width;
}

}  // namespace matrixctl::output
