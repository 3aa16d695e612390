# The reference run for the R(t) benchmark: EpiEstim's estimate_R on the same 16 series, same settings
# (parametric serial interval 3.0/2.0, weekly windows). Usage: Rscript bench/rt-epiestim.R DIR
suppressMessages(library(EpiEstim))
dir <- commandArgs(trailingOnly = TRUE)[1]
files <- sort(list.files(dir, pattern = "^district-.*\\.csv$", full.names = TRUE))
series <- lapply(files, function(f) read.csv(f)$I)
config <- make_config(list(mean_si = 3.0, std_si = 2.0))
run <- function() for (s in series) suppressWarnings(estimate_R(s, method = "parametric_si", config = config))
run()
times <- replicate(7, system.time(run())[["elapsed"]])
cat(sprintf("EpiEstim %s: %d districts x %d days in %.1f ms (median of 7)\n", packageVersion("EpiEstim"), length(series), length(series[[1]]), 1000 * median(times)))
