# Runs `tumen-server eval-scoring` on one data set and one model and fails when a figure misses its target.
# cmake -DSERVER=... -DCSV=... -DLABEL=... -DPOSITIVE=... -DMODEL=nb|lr -DAUC_MIN=... [-DAUC_MAX=...] [-DBRIER_MAX=...]
#       -P check_eval.cmake
execute_process(COMMAND ${SERVER} eval-scoring --csv ${CSV} --label ${LABEL} --positive ${POSITIVE} --model ${MODEL}
                OUTPUT_VARIABLE out ERROR_VARIABLE err RESULT_VARIABLE rc)
message("${out}${err}")
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "eval-scoring exited with ${rc}")
endif()
if(NOT out MATCHES "model ${MODEL}: ROC AUC ([0-9.]+), Brier ([0-9.]+)")
  message(FATAL_ERROR "no figures for model ${MODEL} in the output")
endif()
set(auc ${CMAKE_MATCH_1})
set(brier ${CMAKE_MATCH_2})
if(auc LESS AUC_MIN)
  message(FATAL_ERROR "ROC AUC ${auc} is below the target ${AUC_MIN}")
endif()
if(DEFINED AUC_MAX AND auc GREATER AUC_MAX)
  message(FATAL_ERROR "ROC AUC ${auc} is above ${AUC_MAX} (the naive Bayes must match the reference, not beat it)")
endif()
if(DEFINED BRIER_MAX AND brier GREATER BRIER_MAX)
  message(FATAL_ERROR "Brier ${brier} is worse than the target ${BRIER_MAX}")
endif()
message("ok: ${MODEL} on ${CSV}: AUC ${auc}, Brier ${brier}")
