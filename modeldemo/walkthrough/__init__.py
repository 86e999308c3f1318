"""The public backprop walkthrough: rules, the article's examples, a calculator, a toy trainer."""
