// validate(): a walk of the parsed document directed by the registry, reporting every error in
// Pydantic v2's JSON-mode shape and writing the normalised value as it goes.
#include <cmath>
#include <string>
#include <vector>

#include "artifacts/operations.hpp"
#include "artifacts/registry.hpp"
#include "json/json_io.hpp"
#include "json/object_members.hpp"
#include "registry/resolve.hpp"
#include "validate/fast_path.hpp"
#include "validate/lax_conversions.hpp"
#include "validate/validate_value.hpp"

namespace artifacts {
namespace {

using detail::Element;
using detail::Writer;
using simdjson::dom::element_type;

class Validator {
 public:
  Validator(Writer& out, ValidationResult& result, std::optional<Tier> tier, bool strict)
      : out_(out), result_(result), tier_(tier), strict_(strict) {}

  void model(const ModelSpec& spec, Element element) {
    if (!element.is_object()) {
      error(IssueType::model_type, "Input should be an object", element,
            "{\"class_name\":" + detail::json_string(spec.class_name) + "}");
      return;
    }
    // Pydantic reads each field in declaration order; a duplicated key's last value wins.
    std::vector<std::string_view> unknown;
    auto found = detail::pick_fields(spec, element, &unknown);
    for (auto key : unknown) {
      path_.emplace_back(std::string(key));
      warning(IssueType::unknown_key, "Unknown key is ignored");
      path_.pop_back();
    }
    out_.StartObject();
    for (std::size_t i = 0; i < spec.fields.size(); ++i) {
      const FieldSpec& field = spec.fields[i];
      path_.emplace_back(std::string(field.key));
      if (!found[i]) {
        if (field.required)
          error(IssueType::missing, "Field required", element, {}, /*in_place=*/false);
      } else {
        detail::write_string(out_, field.key);
        field_value(field, *found[i]);
      }
      path_.pop_back();
    }
    out_.EndObject();
  }

  // The value of a model's field, found (path_ ends with the field's key).
  void field_value(const FieldSpec& field, Element element) {
    if (element.is_null() && field.nullable) {
      out_.Null();
      return;
    }
    if (tier_ && !tier_allows(*tier_, field.tier)) {
      warning(IssueType::tier_locked, "Section needs the " +
                                          std::string(tier_name(minimum_tier(field.tier))) +
                                          " tier; gating removes it");
    }
    value(*field.type, element);
  }

  // A top-level field's value on its own, located as in the whole document.
  void top_level_field(const FieldSpec& field, Element element) {
    path_ = {std::string(field.key)};
    field_value(field, element);
  }

  // One value of `type` found at `prefix` (its errors are located from the root).
  void value_at(Path prefix, const TypeSpec& type, Element element) {
    path_ = std::move(prefix);
    value(type, element);
  }

 private:
  void value(const TypeSpec& type, Element element) {
    switch (type.kind) {
      case Kind::string:
        if (element.is_string()) {
          detail::write_string(out_, element.get_string().value_unsafe());
        } else {
          error(IssueType::string_type, "Input should be a valid string", element);
        }
        break;
      case Kind::integer:
        integer(type, element);
        break;
      case Kind::boolean:
        boolean(element);
        break;
      case Kind::literal:
      case Kind::enumeration:
        choice(type, element);
        break;
      case Kind::uuid:
        uuid(element);
        break;
      case Kind::datetime:
        datetime(element);
        break;
      case Kind::object:
        if (element.is_object()) {
          detail::write_element(out_, element);
        } else {
          error(IssueType::dict_type, "Input should be an object", element);
        }
        break;
      case Kind::model:
        model(*type.model, element);
        break;
      case Kind::list:
        list(type, element);
        break;
    }
  }

  void list(const TypeSpec& type, Element element) {
    if (!element.is_array()) {
      error(IssueType::list_type, "Input should be a valid array", element);
      return;
    }
    out_.StartArray();
    std::size_t index = 0;
    for (Element item : detail::as_array(element)) {
      path_.emplace_back(index++);
      value(*type.item, item);
      path_.pop_back();
    }
    out_.EndArray();
  }

  void integer(const TypeSpec& type, Element element) {
    std::optional<std::int64_t> number;
    switch (element.type()) {
      case element_type::INT64:
        number = element.get_int64().value_unsafe();
        break;
      case element_type::UINT64:
        return error(IssueType::int_parsing_size,
                     "Unable to parse input string as an integer, exceeded maximum size", element);
      case element_type::DOUBLE: {
        if (strict_) return error(IssueType::int_type, "Input should be a valid integer", element);
        double real = element.get_double().value_unsafe();
        if (!std::isfinite(real)) {  // a number beyond the double range
          return error(IssueType::finite_number, "Input should be a finite number", element);
        }
        if (real != std::floor(real)) {
          return error(IssueType::int_from_float,
                       "Input should be a valid integer, got a number with a fractional part",
                       element);
        }
        if (std::fabs(real) >= 9.2233720368547758e18) {
          return error(IssueType::int_parsing_size,
                       "Unable to parse input string as an integer, exceeded maximum size",
                       element);
        }
        number = static_cast<std::int64_t>(real);
        break;
      }
      case element_type::BOOL:
        if (strict_) return error(IssueType::int_type, "Input should be a valid integer", element);
        number = element.get_bool().value_unsafe() ? 1 : 0;
        break;
      case element_type::STRING: {
        if (strict_) return error(IssueType::int_type, "Input should be a valid integer", element);
        bool too_large = false;
        number = detail::parse_int_text(element.get_string().value_unsafe(), too_large);
        if (too_large) {
          return error(IssueType::int_parsing_size,
                       "Unable to parse input string as an integer, exceeded maximum size",
                       element);
        }
        if (!number) {
          return error(IssueType::int_parsing,
                       "Input should be a valid integer, unable to parse string as an integer",
                       element);
        }
        break;
      }
      default:
        return error(IssueType::int_type, "Input should be a valid integer", element);
    }
    if (type.ge && *number < *type.ge) {
      std::string bound = std::to_string(*type.ge);
      return error(IssueType::greater_than_equal,
                   "Input should be greater than or equal to " + bound, element,
                   "{\"ge\":" + bound + "}");
    }
    out_.Int64(*number);
  }

  void boolean(Element element) {
    std::optional<bool> flag;
    bool parsable = !strict_;
    switch (element.type()) {
      case element_type::BOOL:
        flag = element.get_bool().value_unsafe();
        parsable = true;
        break;
      case element_type::INT64:
        if (!strict_) {
          std::int64_t number = element.get_int64().value_unsafe();
          if (number == 0 || number == 1) flag = number == 1;
        }
        break;
      case element_type::DOUBLE:
        if (!strict_) {
          // Lax mode takes a float only as a whole number within 64 bits (then 0 or 1); any
          // other (a fraction, beyond 64 bits, infinite) is not a boolean at all.
          double number = element.get_double().value_unsafe();
          if (number == std::floor(number) && std::fabs(number) < 9.2233720368547758e18) {
            if (number == 0 || number == 1) flag = number == 1;
          } else {
            parsable = false;
          }
        }
        break;
      case element_type::STRING:
        if (!strict_) flag = detail::parse_bool_text(element.get_string().value_unsafe());
        break;
      default:
        parsable = false;
    }
    if (flag) {
      out_.Bool(*flag);
    } else if (parsable) {
      error(IssueType::bool_parsing, "Input should be a valid boolean, unable to interpret input",
            element);
    } else {
      error(IssueType::bool_type, "Input should be a valid boolean", element);
    }
  }

  void choice(const TypeSpec& type, Element element) {
    if (element.is_string()) {
      std::string_view text = element.get_string().value_unsafe();
      for (auto option : type.choices) {
        if (option == text) {
          detail::write_string(out_, text);
          return;
        }
      }
    }
    std::string expected = quoted_choices(type.choices);
    error(type.kind == Kind::literal ? IssueType::literal_error : IssueType::enumeration,
          "Input should be " + expected, element,
          "{\"expected\":" + detail::json_string(expected) + "}");
  }

  void uuid(Element element) {
    if (!element.is_string()) {
      return error(IssueType::uuid_type, "UUID input should be a string, bytes or UUID object",
                   element);
    }
    auto parsed = detail::parse_uuid(element.get_string().value_unsafe());
    if (!parsed.ok)
      return parse_error(IssueType::uuid_parsing, "Input should be a valid UUID, ", parsed,
                         element);
    detail::write_string(out_, parsed.text);
  }

  void datetime(Element element) {
    detail::Parsed parsed{false, {}};
    if (element.is_string()) {
      std::string_view text = element.get_string().value_unsafe();
      parsed = detail::parse_datetime_text(text);
      if (!parsed.ok && !strict_) {
        // Lax mode falls back to a date at midnight and reports the date parser's complaint.
        parsed = detail::parse_date_as_datetime(text);
        if (!parsed.ok) {
          return parse_error(IssueType::datetime_from_date_parsing,
                             "Input should be a valid datetime or date, ", parsed, element);
        }
      }
      if (!parsed.ok) {
        return parse_error(IssueType::datetime_parsing, "Input should be a valid datetime, ",
                           parsed, element);
      }
    } else if (element.is_number() && !strict_) {
      parsed = detail::datetime_from_timestamp(element.get_double().value_unsafe());
      if (!parsed.ok) {
        return parse_error(IssueType::datetime_parsing, "Input should be a valid datetime, ",
                           parsed, element);
      }
    } else {
      return error(IssueType::datetime_type, "Input should be a valid datetime", element);
    }
    detail::write_string(out_, parsed.text);
  }

  void parse_error(IssueType type, std::string_view prefix, const detail::Parsed& parsed,
                   Element element) {
    error(type, std::string(prefix) + parsed.text, element,
          "{\"error\":" + detail::json_string(parsed.text) + "}");
  }

  // Records an error. One found where a value was due (`in_place`) also writes a null there, so
  // the output stays well-formed JSON (it is discarded, but the writer must not be misled).
  void error(IssueType type, std::string message, Element input, std::string ctx = {},
             bool in_place = true) {
    if (in_place) out_.Null();
    result_.errors.push_back(
        Issue{type, path_, std::move(message), detail::element_json(input), std::move(ctx)});
  }

  void warning(IssueType type, std::string message) {
    result_.warnings.push_back(Issue{type, path_, std::move(message), {}, {}});
  }

  Writer& out_;
  ValidationResult& result_;
  std::optional<Tier> tier_;
  bool strict_;
  Path path_;
};

}  // namespace

namespace detail {

namespace {

// The walk of one value on its own, shared by validate_value() and validate_field() (one copy of
// the walk in the module for both). With `field`, the value is that top-level field's.
[[gnu::noinline]] ValueResult walk_value(const TypeSpec& type, const FieldSpec* field, Path prefix,
                                         std::string_view json, std::optional<Tier> tier,
                                         bool strict) {
  ValueResult result;
  ValidationResult checked;
  JsonDocument document(json);
  if (!document.root()) {
    checked.errors.push_back(document.error());
  } else {
    rapidjson::StringBuffer buffer;
    Writer out(buffer);
    Validator validator(out, checked, tier, strict);
    if (field != nullptr) {
      validator.top_level_field(*field, *document.root());
    } else {
      validator.value_at(std::move(prefix), type, *document.root());
    }
    if (checked.errors.empty()) result.value.assign(buffer.GetString(), buffer.GetSize());
  }
  result.errors = std::move(checked.errors);
  result.warnings = std::move(checked.warnings);
  return result;
}

}  // namespace

ValueResult validate_value(const TypeSpec& type, Path prefix, std::string_view json,
                           std::optional<Tier> tier, bool strict) {
  // Most closing values are valid as written: their text is their normalised value, as for a
  // whole document on validate()'s fast path.
  if (detail::value_validates_as_written(type, json, tier)) {
    ValueResult result;
    const auto first = json.find_first_not_of(" \t\n\r");
    const auto last = json.find_last_not_of(" \t\n\r");
    result.value.assign(json.substr(first, last - first + 1));
    return result;
  }
  return walk_value(type, nullptr, std::move(prefix), json, tier, strict);
}

FieldResult validate_field(const FieldSpec& field, std::string_view json, std::optional<Tier> tier,
                           bool strict) {
  return walk_value(*field.type, &field, {}, json, tier, strict);
}

}  // namespace detail

ValidationResult validate(std::string_view type, std::string_view json,
                          const ValidateOptions& options) {
  ValidationResult result;
  const ModelSpec* spec = detail::resolve_model(type, result);
  if (spec == nullptr) return result;
  std::optional<Tier> tier;
  if (!options.tier.empty()) {
    tier = detail::resolve_tier(options.tier, result);
    if (!tier) return result;
  }
  // Most documents are valid as written: one scan says so without building anything.
  if (options.fast_path && detail::validates_as_written(*spec, json, tier)) {
    result.value_is_input = true;
    if (options.want_value) result.value.assign(json);
    return result;
  }
  detail::JsonDocument document(json);
  if (!document.root()) {
    detail::fail(result, Status::invalid_input, document.error());
    return result;
  }
  rapidjson::StringBuffer buffer;
  Writer out(buffer);
  Validator(out, result, tier, options.strict).model(*spec, *document.root());
  if (!result.errors.empty()) {
    result.status = Status::validation_failed;
    return result;
  }
  result.value.assign(buffer.GetString(), buffer.GetSize());
  return result;
}

}  // namespace artifacts
