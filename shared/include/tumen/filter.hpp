// The filter language in one include: syntax tree, parser, printer, field registries, type check,
// evaluation context and in-memory evaluator. Grammar and semantics: shared/FILTER.md.
#pragma once
#include "tumen/filter_ast.hpp"
#include "tumen/filter_check.hpp"
#include "tumen/filter_context.hpp"
#include "tumen/filter_eval.hpp"
#include "tumen/filter_fields.hpp"
#include "tumen/filter_parse.hpp"
#include "tumen/filter_print.hpp"
