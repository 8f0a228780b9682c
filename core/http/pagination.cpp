// The page planner for Synapse's offset-based lists, and Client::list(),
// which sends its pages and collects the items.
#include "pagination.h"

#include "../diagnostics.h"
#include "../log.h"
#include "client.h"

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <charconv>
#include <limits>
#include <stdexcept>

namespace matrixctl::http {
namespace {

constexpr uint32_t kDefaultPageSize = 100;
constexpr uint64_t kUnlimited = std::numeric_limits<uint64_t>::max();

uint64_t saturating_add(uint64_t a, uint64_t b) { return b > kUnlimited - a ? kUnlimited : a + b; }

}  // namespace

std::optional<uint64_t> parse_offset(std::string_view cursor) {
  if (cursor.empty()) return std::nullopt;
  uint64_t value = 0;
  const auto [end, error] = std::from_chars(cursor.data(), cursor.data() + cursor.size(), value);
  if (error != std::errc() || end != cursor.data() + cursor.size()) return std::nullopt;
  return value;
}

PagePlanner::PagePlanner(std::string subject, std::string next_key, uint32_t page_size,
                         uint64_t max_items, unsigned concurrent_limit)
    : subject_(std::move(subject)),
      next_key_(std::move(next_key)),
      page_size_(page_size == 0 ? kDefaultPageSize : page_size),
      max_items_(max_items),
      concurrent_limit_(std::max(concurrent_limit, 1u)) {
  // A cursor pointing back at the start would restart the list.
  seen_cursors_.insert("0");
}

uint64_t PagePlanner::remaining() const {
  return max_items_ == 0 ? kUnlimited : max_items_ - kept_;
}

uint32_t PagePlanner::page_limit() const {
  return static_cast<uint32_t>(std::min<uint64_t>(page_size_, remaining()));
}

bool PagePlanner::batch_pending() const { return batch_index_ < batch_.size(); }

void PagePlanner::end_batch() { batch_index_ = batch_.size(); }

std::vector<PageRequest> PagePlanner::next_batch() {
  if (batch_pending()) throw std::logic_error("PagePlanner: previous batch not accepted");
  batch_.clear();
  batch_index_ = 0;
  if (phase_ != Phase::done && remaining() == 0) phase_ = Phase::done;

  switch (phase_) {
    case Phase::first:
      batch_.push_back({"0", page_limit()});
      break;
    case Phase::planned:
      while (batch_.size() < concurrent_limit_ && plan_next_ < plan_end_) {
        const auto limit = static_cast<uint32_t>(std::min<uint64_t>(page_size_, plan_end_ - plan_next_));
        batch_.push_back({std::to_string(plan_next_), limit});
        plan_next_ += limit;
      }
      if (batch_.empty()) {
        phase_ = Phase::sequential;
        batch_.push_back({cursor_, page_limit()});
      }
      break;
    case Phase::sequential:
      batch_.push_back({cursor_, page_limit()});
      break;
    case Phase::done:
      break;
  }
  return batch_;
}

void PagePlanner::check_advance(const PageRequest& request, const PageInfo& page) const {
  if (!page.next) return;
  const std::string& next = *page.next;
  const std::string hint =
      "retry, and check the homeserver's logs if the list loops again, because following "
      "this cursor would return pages already read";
  if (next == request.from || seen_cursors_.count(next) != 0) {
    throw Error(MCTL_ERR_SERVER, subject_,
                "pagination did not advance: " + next_key_ + " " + next + " repeated", hint);
  }
  const auto next_offset = parse_offset(next);
  const auto from_offset = parse_offset(request.from);
  if (next_offset && from_offset && *next_offset < *from_offset) {
    throw Error(MCTL_ERR_SERVER, subject_,
                "pagination did not advance: " + next_key_ + " " + next + " after from=" +
                    request.from,
                hint);
  }
}

uint64_t PagePlanner::accept(const PageInfo& page) {
  if (!batch_pending()) throw std::logic_error("PagePlanner: no page pending");
  const PageRequest request = batch_[batch_index_++];
  if (++pages_ > kMaxPages) {
    throw Error(MCTL_ERR_SERVER, subject_,
                "pagination did not end after " + std::to_string(kMaxPages) + " pages",
                "ask for fewer items, and check the homeserver's logs");
  }
  if (page.total) server_total_ = *page.total;
  check_advance(request, page);

  const uint64_t keep = std::min(page.item_count, remaining());
  kept_ += keep;
  if (!page.next || remaining() == 0) {
    phase_ = Phase::done;
    end_batch();
    return keep;
  }

  seen_cursors_.insert(*page.next);
  cursor_ = *page.next;
  if (phase_ == Phase::first) {
    after_first_page(request, page);
  } else if (phase_ == Phase::planned) {
    after_planned_page(request, page);
  }
  return keep;
}

void PagePlanner::after_first_page(const PageRequest& request, const PageInfo& page) {
  phase_ = Phase::sequential;
  const auto next = parse_offset(*page.next);
  const auto from = parse_offset(request.from);
  if (!next || !from || !page.total || *next != *from + page.item_count) return;
  const uint64_t end = std::min(*page.total, saturating_add(*next, remaining()));
  if (end <= *next) return;
  phase_ = Phase::planned;
  plan_next_ = *next;
  plan_end_ = end;
}

void PagePlanner::after_planned_page(const PageRequest& request, const PageInfo& page) {
  const auto next = parse_offset(*page.next);
  const uint64_t from = parse_offset(request.from).value_or(0);
  const bool as_planned =
      next && page.item_count == request.limit && *next == from + page.item_count;
  if (!as_planned) {
    // The list changed while it was read, so the later planned offsets may
    // be wrong; the server's own cursor is the safer guide.
    log::debug("http", subject_ + ": page from=" + request.from + " returned " +
                           std::to_string(page.item_count) + " items and " + next_key_ + " " +
                           *page.next + "; following the cursor page by page from here");
    phase_ = Phase::sequential;
    end_batch();
    return;
  }
  if (!batch_pending() && plan_next_ >= plan_end_) phase_ = Phase::sequential;
}

namespace {

QueryParams page_query(const QueryParams& filters, const PageRequest& page) {
  QueryParams query;
  for (const auto& param : filters) {
    // The planner owns the page window.
    if (param.first != "from" && param.first != "limit") query.push_back(param);
  }
  query.emplace_back("from", page.from);
  query.emplace_back("limit", std::to_string(page.limit));
  return query;
}

std::optional<uint64_t> read_count(const rapidjson::Value& value) {
  if (value.IsUint64()) return value.GetUint64();
  if (value.IsString()) return parse_offset({value.GetString(), value.GetStringLength()});
  return std::nullopt;
}

// Parses one page into `json` and returns what the planner needs from it.
PageInfo read_page(const ListRequest& list, const std::string& subject, const Response& response,
                   rapidjson::Document& json) {
  const std::string hint = "check that api.base_url points at Synapse";
  json.Parse<rapidjson::kParseFullPrecisionFlag>(response.body.c_str(), response.body.size());
  if (json.HasParseError() || !json.IsObject()) {
    throw Error(MCTL_ERR_SERVER, subject, "the response is not a JSON object", hint);
  }
  const auto items = json.FindMember(list.items_key.c_str());
  if (items == json.MemberEnd() || !items->value.IsArray()) {
    throw Error(MCTL_ERR_SERVER, subject, "the response has no \"" + list.items_key + "\" list",
                hint);
  }

  PageInfo page;
  page.item_count = items->value.Size();
  if (!list.next_key.empty()) {
    const auto next = json.FindMember(list.next_key.c_str());
    if (next != json.MemberEnd() && !next->value.IsNull()) {
      if (next->value.IsString()) {
        page.next = std::string(next->value.GetString(), next->value.GetStringLength());
      } else if (next->value.IsUint64()) {
        page.next = std::to_string(next->value.GetUint64());
      } else {
        throw Error(MCTL_ERR_SERVER, subject,
                    "\"" + list.next_key + "\" is neither a string nor a non-negative integer",
                    hint);
      }
    }
  }
  if (!list.total_key.empty()) {
    const auto total = json.FindMember(list.total_key.c_str());
    if (total != json.MemberEnd()) page.total = read_count(total->value);
  }
  return page;
}

}  // namespace

ListResult Client::list(const ListRequest& request) {
  const std::string subject = "GET " + request.path;
  PagePlanner planner(subject, request.next_key, request.page_size, request.max_items,
                      options_.concurrent_limit);
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  writer.StartArray();

  while (true) {
    const std::vector<PageRequest> batch = planner.next_batch();
    if (batch.empty()) break;

    std::vector<ApiRequest> calls;
    calls.reserve(batch.size());
    for (const auto& page : batch) {
      ApiRequest call;
      call.path = request.path;
      call.query = page_query(request.query, page);
      calls.push_back(std::move(call));
    }
    const std::vector<Response> responses = send_all(calls);

    for (std::size_t i = 0; i < responses.size() && planner.batch_pending(); ++i) {
      if (responses[i].status < 200 || responses[i].status >= 300) {
        throw Error(describe_failure(calls[i], responses[i]));
      }
      rapidjson::Document json;
      const uint64_t keep = planner.accept(read_page(request, subject, responses[i], json));
      const auto& items = json[request.items_key.c_str()];
      for (rapidjson::SizeType j = 0; j < keep; ++j) items[j].Accept(writer);
    }
  }

  writer.EndArray();
  log::debug("http", subject + ": listed " + std::to_string(planner.item_count()) + " items");
  return ListResult{std::string(buffer.GetString(), buffer.GetSize()), planner.item_count(),
                    planner.server_total()};
}

}  // namespace matrixctl::http
