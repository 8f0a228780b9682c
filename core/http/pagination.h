// Paginated Admin API lists. Synapse's lists are offset-based. A page
// starts at `from`, contains up to `limit` items and, unless it is the last
// page, a next cursor: "next_token" as a string like "100" for users,
// "next_batch" as an integer for rooms. PagePlanner decides which pages to
// request, checks that each cursor advances and returns how many items of
// each page to keep. It does no I/O, so its rules can be tested alone, and
// Client::list() sends its pages.
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace matrixctl::http {

// One page to request.
struct PageRequest {
  std::string from;  // value of the `from` query parameter
  uint32_t limit = 0;
};

// The parts of a page's response that the planner needs.
struct PageInfo {
  uint64_t item_count = 0;
  std::optional<std::string> next;  // the next cursor as text; absent on the last page
  std::optional<uint64_t> total;    // the server's total, when it sends one
};

// The cursor as a decimal offset, or std::nullopt for an opaque cursor.
std::optional<uint64_t> parse_offset(std::string_view cursor);

// The rules, in order of the phases:
//  1. The first page starts at from=0.
//  2. When its next cursor is the offset from + item count and the total is
//     known, the remaining pages up to min(total, max_items) are planned by
//     offset. They are handed out in batches of at most concurrent_limit
//     pages, which the caller may send in parallel.
//  3. A page without a next cursor ends the list, and later pages of its
//     batch are dropped. A planned page whose cursor is not from + limit
//     (the list changed) ends the plan: the planner follows that page's own
//     cursor one page at a time, as it does for opaque cursors and after the
//     plan when the last page still has a cursor (the list grew).
//  4. Items beyond max_items are not kept.
class PagePlanner {
 public:
  // Safety net against a server whose cursors never end.
  static constexpr uint64_t kMaxPages = 100000;

  // `subject` and `next_key` name the request and cursor in errors.
  // page_size 0 means 100, max_items 0 means all, concurrent_limit 0 means 1.
  PagePlanner(std::string subject, std::string next_key, uint32_t page_size, uint64_t max_items,
              unsigned concurrent_limit);

  // The pages to request next, which may be sent together; empty once the
  // list is complete. Every page of the previous batch must be accepted
  // (or dropped by the planner) first.
  std::vector<PageRequest> next_batch();

  // True while the current batch has pages whose responses the planner
  // still needs, in batch order. False after a page that ended the batch.
  bool batch_pending() const;

  // Records the response to the next pending page of the batch and returns
  // how many of its items to keep, from its start. Throws
  // Error(MCTL_ERR_SERVER) when the cursor did not advance or after
  // kMaxPages pages.
  uint64_t accept(const PageInfo& page);

  bool done() const { return phase_ == Phase::done; }
  uint64_t item_count() const { return kept_; }
  // The last total the server sent; 0 when it sent none.
  uint64_t server_total() const { return server_total_; }

 private:
  enum class Phase { first, planned, sequential, done };

  uint64_t remaining() const;
  uint32_t page_limit() const;
  void check_advance(const PageRequest& request, const PageInfo& page) const;
  void after_first_page(const PageRequest& request, const PageInfo& page);
  void after_planned_page(const PageRequest& request, const PageInfo& page);
  void end_batch();

  std::string subject_;
  std::string next_key_;
  uint32_t page_size_;
  uint64_t max_items_;
  unsigned concurrent_limit_;

  Phase phase_ = Phase::first;
  std::vector<PageRequest> batch_;
  std::size_t batch_index_ = 0;  // next page of batch_ to accept
  uint64_t plan_next_ = 0;       // offset of the next planned page
  uint64_t plan_end_ = 0;        // offset where the plan stops
  std::string cursor_;           // cursor to follow in the sequential phase
  std::set<std::string> seen_cursors_;
  uint64_t kept_ = 0;
  uint64_t server_total_ = 0;
  uint64_t pages_ = 0;
};

}  // namespace matrixctl::http
