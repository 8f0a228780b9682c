// Table, JSON and YAML rendering of command output.
#include "render.h"

#include "../diagnostics.h"
#include "cell_format.h"

#include <matrixctl/sdk.h>
#include <rapidjson/document.h>
#include <rapidjson/error/en.h>
#include <rapidjson/filewritestream.h>
#include <rapidjson/memorystream.h>
#include <rapidjson/reader.h>
#include <rapidjson/prettywriter.h>
#include <yaml-cpp/emitter.h>

#include <algorithm>

namespace matrixctl::output {
namespace {

using Row = std::vector<std::string>;

rapidjson::Document parse(std::string_view json, bool want_array) {
  rapidjson::Document document;
  document.Parse(json.data(), json.size());
  if (document.HasParseError()) {
    throw Error(MCTL_ERR_PLUGIN, "output",
                std::string("the command produced invalid JSON: ") +
                    rapidjson::GetParseError_En(document.GetParseError()) + " at offset " +
                    std::to_string(document.GetErrorOffset()),
                "report this as a bug of the plugin");
  }
  if (want_array ? !document.IsArray() : !document.IsObject()) {
    throw Error(MCTL_ERR_PLUGIN, "output",
                std::string("the command produced JSON that is not ") +
                    (want_array ? "an array" : "an object"),
                "report this as a bug of the plugin");
  }
  return document;
}

void emit_yaml(YAML::Emitter& emitter, const rapidjson::Value& value) {
  if (value.IsObject() && value.MemberCount() == 0) {
    emitter << YAML::Flow << YAML::BeginMap << YAML::EndMap;
  } else if (value.IsArray() && value.Empty()) {
    emitter << YAML::Flow << YAML::BeginSeq << YAML::EndSeq;
  } else if (value.IsObject()) {
    emitter << YAML::BeginMap;
    for (const auto& member : value.GetObject()) {
      emitter << YAML::Key << std::string(member.name.GetString(), member.name.GetStringLength())
              << YAML::Value;
      emit_yaml(emitter, member.value);
    }
    emitter << YAML::EndMap;
  } else if (value.IsArray()) {
    emitter << YAML::BeginSeq;
    for (const auto& element : value.GetArray()) emit_yaml(emitter, element);
    emitter << YAML::EndSeq;
  } else if (value.IsString()) {
    emitter << YAML::DoubleQuoted << std::string(value.GetString(), value.GetStringLength());
  } else if (value.IsBool()) {
    emitter << value.GetBool();
  } else if (value.IsInt64()) {
    emitter << value.GetInt64();
  } else if (value.IsUint64()) {
    emitter << value.GetUint64();
  } else if (value.IsNumber()) {
    emitter << value.GetDouble();
  } else {
    emitter << YAML::Null;
  }
}

void print_yaml(std::FILE* out, const rapidjson::Value& value) {
  YAML::Emitter emitter;
  emit_yaml(emitter, value);
  std::fputs(emitter.c_str(), out);
  std::fputc('\n', out);
}

// JSON as MatrixCtl prints it (4-space indent, non-ASCII escaped),
// re-indented straight from the parser to `out`, without building
// a document: a 100,000-user list then needs no second copy in memory.
void stream_json(std::FILE* out, std::string_view json, bool want_array) {
  std::size_t first = json.find_first_not_of(" \t\r\n");
  const char expected = want_array ? '[' : '{';
  if (first == std::string_view::npos || json[first] != expected) {
    throw Error(MCTL_ERR_PLUGIN, "output",
                std::string("the command produced JSON that is not ") +
                    (want_array ? "an array" : "an object"),
                "report this as a bug of the plugin");
  }
  char buffer[65536];
  rapidjson::FileWriteStream stream(out, buffer, sizeof buffer);
  rapidjson::PrettyWriter<rapidjson::FileWriteStream, rapidjson::UTF8<>, rapidjson::ASCII<>>
      writer(stream);
  writer.SetIndent(' ', 4);
  rapidjson::Reader reader;
  rapidjson::MemoryStream input(json.data(), json.size());
  const auto result = reader.Parse(input, writer);
  stream.Flush();
  if (result.IsError()) {
    std::fputc('\n', out);
    throw Error(MCTL_ERR_PLUGIN, "output",
                std::string("the command produced invalid JSON: ") +
                    rapidjson::GetParseError_En(result.Code()) + " at offset " +
                    std::to_string(result.Offset()),
                "report this as a bug of the plugin");
  }
  std::fputc('\n', out);
}

// Splits a cell on newlines: multi-line cells take several table lines.
std::vector<std::string> cell_lines(const std::string& cell) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (true) {
    const auto end = cell.find('\n', start);
    lines.push_back(cell.substr(start, end - start));
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return lines;
}

void print_rule(std::string& text, const std::vector<std::size_t>& widths, char fill) {
  text += '+';
  for (auto width : widths) {
    text.append(width + 2, fill);
    text += '+';
  }
  text += '\n';
}

void print_row(std::string& text, const std::vector<std::size_t>& widths, const Row& row) {
  std::vector<std::vector<std::string>> split;
  std::size_t height = 1;
  for (const auto& cell : row) {
    split.push_back(cell_lines(cell));
    height = std::max(height, split.back().size());
  }
  for (std::size_t line = 0; line < height; ++line) {
    text += '|';
    for (std::size_t i = 0; i < widths.size(); ++i) {
      const std::string part = line < split[i].size() ? split[i][line] : std::string();
      text += ' ';
      text += part;
      text.append(widths[i] - display_width(part) + 1, ' ');
      text += '|';
    }
    text += '\n';
  }
}

std::size_t max_line_width(const std::string& cell) {
  std::size_t width = 0;
  for (const auto& line : cell_lines(cell)) width = std::max(width, display_width(line));
  return width;
}

// MatrixCtl's layout: top rule, header, "=" rule, rows, bottom rule.
void print_grid(std::FILE* out, const Row* header, const std::vector<Row>& rows) {
  const std::size_t column_count = header != nullptr ? header->size()
                                   : rows.empty()    ? 0
                                                     : rows.front().size();
  if (column_count == 0) return;
  std::vector<std::size_t> widths(column_count, 0);
  if (header != nullptr) {
    for (std::size_t i = 0; i < column_count; ++i) widths[i] = max_line_width((*header)[i]);
  }
  for (const auto& row : rows) {
    for (std::size_t i = 0; i < column_count; ++i) {
      widths[i] = std::max(widths[i], max_line_width(row[i]));
    }
  }
  std::string text;
  print_rule(text, widths, '-');
  if (header != nullptr) {
    print_row(text, widths, *header);
    print_rule(text, widths, '=');
  }
  for (const auto& row : rows) print_row(text, widths, row);
  print_rule(text, widths, '-');
  std::fwrite(text.data(), 1, text.size(), out);
}

std::string title_case(const std::string& key) {
  std::string title;
  bool start = true;
  for (char c : key) {
    if (c == '_') {
      title += ' ';
      start = true;
    } else {
      title += start ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
      start = false;
    }
  }
  return title;
}

const rapidjson::Value* member(const rapidjson::Value& object, const std::string& key) {
  const auto found = object.FindMember(key.c_str());
  return found == object.MemberEnd() ? nullptr : &found->value;
}

}  // namespace

std::optional<Format> parse_format(std::string_view name) {
  if (name == "table") return Format::kTable;
  if (name == "json") return Format::kJson;
  if (name == "yaml") return Format::kYaml;
  return std::nullopt;
}

const char* format_name(Format format) {
  switch (format) {
    case Format::kJson: return "json";
    case Format::kYaml: return "yaml";
    default: return "table";
  }
}

void print_table(std::FILE* out, Format format, std::string_view items_json,
                 const std::vector<Column>& columns, const std::string& footer) {
  if (format == Format::kJson) {
    stream_json(out, items_json, true);
    return;
  }
  const auto document = parse(items_json, true);
  if (format == Format::kYaml) {
    print_yaml(out, document);
    return;
  }
  Row header;
  for (const auto& column : columns) header.push_back(column.header);
  std::vector<Row> rows;
  rows.reserve(document.Size());
  for (const auto& item : document.GetArray()) {
    Row row;
    row.reserve(columns.size());
    for (const auto& column : columns) {
      row.push_back(format_cell(item.IsObject() ? member(item, column.key) : nullptr,
                                column.format));
    }
    rows.push_back(std::move(row));
  }
  print_grid(out, &header, rows);
  if (!footer.empty()) std::fprintf(out, "%s\n", footer.c_str());
}

void print_record(std::FILE* out, Format format, std::string_view object_json,
                  const std::vector<Column>& fields, const std::string& title) {
  if (format == Format::kJson) {
    stream_json(out, object_json, false);
    return;
  }
  const auto document = parse(object_json, false);
  if (format == Format::kYaml) {
    print_yaml(out, document);
    return;
  }
  std::vector<Row> rows;
  if (fields.empty()) {
    for (const auto& entry : document.GetObject()) {
      const std::string key(entry.name.GetString(), entry.name.GetStringLength());
      rows.push_back({title_case(key), format_cell(&entry.value, MCTL_FMT_TEXT)});
    }
  } else {
    for (const auto& field : fields) {
      const std::string header = field.header.empty() ? title_case(field.key) : field.header;
      rows.push_back({header, format_cell(member(document, field.key), field.format)});
    }
  }
  if (!title.empty()) std::fprintf(out, "%s:\n", title.c_str());
  print_grid(out, nullptr, rows);
}

}  // namespace matrixctl::output
