// Renders what commands output as a MatrixCtl-style table, JSON or YAML.
#pragma once

#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace matrixctl::output {

enum class Format { kTable, kJson, kYaml };

std::optional<Format> parse_format(std::string_view name);
const char* format_name(Format format);

struct Column {
  std::string key;
  std::string header;
  uint32_t format = 0;  // MCTL_FMT_*
};

// A JSON array of objects: a table with `columns` and an optional footer in
// table mode, the array itself in JSON and YAML mode. Throws Error when
// `items_json` is not a JSON array.
void print_table(std::FILE* out, Format format, std::string_view items_json,
                 const std::vector<Column>& columns, const std::string& footer);

// One JSON object: "<title>:" and a key/value table in table mode (every
// key when `fields` is empty), the object itself in JSON and YAML mode.
void print_record(std::FILE* out, Format format, std::string_view object_json,
                  const std::vector<Column>& fields, const std::string& title);

}  // namespace matrixctl::output
