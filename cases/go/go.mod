module escbench/cases

go 1.19
