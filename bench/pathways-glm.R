# bench/pathways.ts's comparison: R's glm.fit (the fitter under glm(family = binomial)) on the matrix
# the bench fits, read from binary files. Prints "user elapsed deviance iterations".
args <- commandArgs(TRUE)
dir <- args[1]; n <- as.integer(args[2]); p <- as.integer(args[3])
x <- matrix(readBin(file.path(dir, "x.bin"), "double", n * p), n, p)
y <- readBin(file.path(dir, "y.bin"), "double", n)
t <- system.time(fit <- glm.fit(x, y, family = binomial()))
cat(t[["user.self"]], t[["elapsed"]], sprintf("%.10f", fit$deviance), fit$iter, "\n")
