// Unit tests of table, JSON and YAML rendering.
#include "render.h"

#include "cell_format.h"

#include <matrixctl/sdk.h>

#include <gtest/gtest.h>

#include <cstdlib>

namespace matrixctl::output {
namespace {

template <typename Print>
std::string capture(Print print) {
  char* data = nullptr;
  std::size_t size = 0;
  std::FILE* out = open_memstream(&data, &size);
  print(out);
  std::fclose(out);
  std::string text(data, size);
  std::free(data);
  return text;
}

const char* const kUsers =
    R"([{"name":"@alice:example.org","admin":true,"displayname":"Zoë"},)"
    R"({"name":"@bob:example.org","admin":false,"displayname":null}])";

TEST(Render, TableLayoutMatchesMatrixCtl) {
  const std::vector<Column> columns{{"name", "Name", MCTL_FMT_LOCALPART},
                                    {"admin", "Admin", MCTL_FMT_YES_NO},
                                    {"displayname", "Display Name", MCTL_FMT_TEXT}};
  const auto text = capture([&](std::FILE* out) {
    print_table(out, Format::kTable, kUsers, columns, "Total number of users: 2");
  });
  EXPECT_EQ(text,
            "+-------+-------+--------------+\n"
            "| Name  | Admin | Display Name |\n"
            "+=======+=======+==============+\n"
            "| alice | Yes   | Zoë          |\n"
            "| bob   | No    | -            |\n"
            "+-------+-------+--------------+\n"
            "Total number of users: 2\n");
}

TEST(Render, JsonUsesFourSpacesAndAsciiEscapes) {
  const auto text = capture([&](std::FILE* out) {
    print_table(out, Format::kJson, R"([{"displayname":"Zoë"}])", {}, "ignored footer");
  });
  EXPECT_EQ(text, "[\n    {\n        \"displayname\": \"Zo\\u00EB\"\n    }\n]\n");
}

TEST(Render, YamlKeepsKeysAndTypes) {
  const auto text = capture([&](std::FILE* out) {
    print_record(out, Format::kYaml, R"({"name":"@a:b","admin":true,"n":3})", {}, "User");
  });
  EXPECT_NE(text.find("name: \"@a:b\""), std::string::npos) << text;
  EXPECT_NE(text.find("admin: true"), std::string::npos) << text;
  EXPECT_NE(text.find("n: 3"), std::string::npos) << text;
}

TEST(Render, YamlEmptyListsInline) {
  const auto text = capture([&](std::FILE* out) {
    print_record(out, Format::kYaml, R"({"threepids":[],"external_ids":{}})", {}, "User");
  });
  EXPECT_NE(text.find("threepids: []"), std::string::npos) << text;
  EXPECT_NE(text.find("external_ids: {}"), std::string::npos) << text;
}

TEST(Render, RecordAsKeyValueTable) {
  const std::vector<Column> fields{{"server_version", "Server Version", MCTL_FMT_TEXT}};
  const auto text = capture([&](std::FILE* out) {
    print_record(out, Format::kTable, R"({"server_version":"1.157.1"})", fields, "Server");
  });
  EXPECT_EQ(text,
            "Server:\n"
            "+----------------+---------+\n"
            "| Server Version | 1.157.1 |\n"
            "+----------------+---------+\n");
}

TEST(Render, InvalidJsonIsAnError) {
  EXPECT_THROW(capture([](std::FILE* out) { print_table(out, Format::kTable, "{", {}, ""); }),
               std::exception);
  EXPECT_THROW(capture([](std::FILE* out) { print_table(out, Format::kTable, "{}", {}, ""); }),
               std::exception);
}

TEST(CellFormat, TimesAndSizes) {
  rapidjson::Document ms;
  ms.Parse("1700000000000");
  EXPECT_EQ(format_cell(&ms, MCTL_FMT_TIME_MS), "2023-11-14 22:13:20");
  rapidjson::Document seconds;
  seconds.Parse("1700000000");
  EXPECT_EQ(format_cell(&seconds, MCTL_FMT_TIME_S), "2023-11-14 22:13:20");
  rapidjson::Document size;
  size.Parse("12939428");
  EXPECT_EQ(format_cell(&size, MCTL_FMT_SIZE), "12.34 MB");
  EXPECT_EQ(format_cell(nullptr, MCTL_FMT_TEXT), "-");
}

TEST(CellFormat, DisplayWidthCountsCodePoints) {
  EXPECT_EQ(display_width("Zoë"), 3u);
  EXPECT_EQ(display_width(""), 0u);
}

}  // namespace
}  // namespace matrixctl::output
