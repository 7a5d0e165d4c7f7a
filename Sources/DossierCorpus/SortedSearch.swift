extension RandomAccessCollection {
    /// The index of the first element for which `belongsAfter` holds, in a collection where it holds for
    /// a tail of the elements and no others (a sorted one, asked "after this point?"). By halving.
    public func partitioningIndex(where belongsAfter: (Element) -> Bool) -> Index {
        var low = startIndex
        var count = self.count
        while count > 0 {
            let half = count / 2
            let middle = index(low, offsetBy: half)
            if belongsAfter(self[middle]) {
                count = half
            } else {
                low = index(after: middle)
                count -= half + 1
            }
        }
        return low
    }
}
