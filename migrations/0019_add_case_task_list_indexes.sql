-- placeholder: indexes for the staff task lists and supervision (bench:approval)
SELECT 1;
