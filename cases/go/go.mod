module escbench

go 1.19
