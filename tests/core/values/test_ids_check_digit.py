"""The ID check character computed directly agrees with python-stdnum's for any 17 digits."""

import random

from stdnum.cn import ric

from unionoffice.core.values.ids import id_check_digit


def test_check_digit_agrees_with_stdnum():
    rng = random.Random(7)
    for _ in range(5000):
        first17 = "".join(rng.choice("0123456789") for _ in range(17))
        assert id_check_digit(first17) == ric.calc_check_digit(first17 + "0")
