{#
  Rows for which an arithmetic invariant does not hold, e.g.
  `abs(variance_nok - (budget_nok - actual_nok)) <= 0.5`. Returns the offending rows so a failure
  can be inspected with --store-failures.
#}
{% test expression_is_true(model, expression) %}
select *
from {{ model }}
where not ({{ expression }})
{% endtest %}
